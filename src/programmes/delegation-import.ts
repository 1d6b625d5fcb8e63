import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import type { CycleStatus } from '../cycles/cycle.entity';
import { Participant } from './participant.entity';
import { participantStatusIn, theParticipantStatus } from './participant-statuses';

/**
 * A delegation's participants imported from the admin's list (issue 12) into a track whose places are given
 * directly. Every row is checked against the rules below and the database; while any row has a problem nothing
 * is stored, and the problems come back by row number (the header is row 1, as the spreadsheet numbers it).
 */

export const IMPORT_COLUMNS = ['fullName', 'position', 'institution', 'municipality', 'organisation', 'email'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: ImportColumn[] = ['fullName', 'position', 'institution', 'email'];

/** The header titles each column is known by, in Russian and English, as normalised by `headerKey`. */
const HEADER_NAMES: Record<ImportColumn, string[]> = {
  fullName: ['фио', 'фамилияимяотчество', 'fullname', 'name'],
  position: ['должность', 'position', 'jobtitle'],
  institution: ['учреждение', 'местоработы', 'медицинскаяорганизация', 'institution', 'workplace'],
  municipality: ['муниципалитет', 'муниципальноеобразование', 'municipality'],
  organisation: ['организация', 'направляющаяорганизация', 'organisation', 'organization', 'sendingorganisation', 'sendingorganization'],
  email: ['email', 'емейл', 'электроннаяпочта', 'почта', 'emailaddress'],
};

const headerKey = (title: string) => title.toLowerCase().replace(/ё/g, 'е').replace(/[^a-zа-я]/g, '');
const MAX_TEXT = 300;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export type RowProblemKey =
  | 'required'
  | 'tooLong'
  | 'fullNameParts'
  | 'badEmail'
  | 'unknownMunicipality'
  | 'bothOrigins'
  | 'noOrigin'
  | 'duplicateInFile'
  | 'alreadyOnTrack';
export interface RowProblem {
  row: number;
  key: RowProblemKey;
  /** the column the problem is in, when it is in one */
  column?: ImportColumn;
  params?: Record<string, string | number>;
}
export type FileIssue = { key: 'missingColumns'; columns: ImportColumn[] } | { key: 'noRows' } | { key: 'tooManyForPlaces'; rows: number; free: number };

export type ImportResult =
  | { ok: true; count: number }
  | { ok: false; refused: 'notFound' | 'notDirect' }
  | { ok: false; refused: 'closed'; phase: CycleStatus }
  | { ok: false; fileIssues: FileIssue[]; rowProblems: RowProblem[] };

interface CheckedRow {
  row: number;
  lastName: string;
  firstName: string;
  patronymic: string;
  position: string;
  institution: string;
  municipalityId: number | null;
  organisation: string;
  email: string;
}

/** Which column of the file each of ours is; the columns the header lacks. */
export function mapHeader(header: string[]): { at: Partial<Record<ImportColumn, number>>; missing: ImportColumn[] } {
  const at: Partial<Record<ImportColumn, number>> = {};
  header.forEach((title, i) => {
    const key = headerKey(title);
    const column = IMPORT_COLUMNS.find((c) => HEADER_NAMES[c].includes(key));
    if (column && at[column] === undefined) at[column] = i;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => at[c] === undefined);
  // one of the two says where the person comes from
  if (at.municipality === undefined && at.organisation === undefined) missing.push('municipality');
  return { at, missing };
}

const clean = (v: string | undefined) => (v ?? '').replace(/\s+/g, ' ').trim();

/**
 * Checks the rows of the file (header first) against the rules that need no database but the region's
 * municipalities (by lower-case name) and the addresses the track already has.
 */
export function checkRows(rows: string[][], municipalities: Map<string, number>, taken: Set<string>): { checked: CheckedRow[]; problems: RowProblem[]; missing: ImportColumn[] } {
  const { at, missing } = mapHeader(rows[0]);
  if (missing.length) return { checked: [], problems: [], missing };
  const checked: CheckedRow[] = [];
  const problems: RowProblem[] = [];
  const firstRowOf = new Map<string, number>();
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const value = (c: ImportColumn) => (at[c] === undefined ? '' : clean(cells[at[c]!]));
    if (IMPORT_COLUMNS.every((c) => value(c) === '')) return; // a blank line between people
    const before = problems.length;
    const problem = (key: RowProblemKey, column?: ImportColumn, params?: RowProblem['params']) => problems.push({ row, key, column, params });
    for (const c of IMPORT_COLUMNS) if (value(c).length > MAX_TEXT) problem('tooLong', c, { max: MAX_TEXT });
    for (const c of REQUIRED_COLUMNS) if (!value(c)) problem('required', c);
    const names = value('fullName').split(' ').filter(Boolean);
    if (names.length === 1) problem('fullNameParts', 'fullName');
    const email = value('email').toLowerCase();
    if (email && !(email.length <= 254 && EMAIL.test(email))) problem('badEmail', 'email', { value: value('email') });
    else if (email && taken.has(email)) problem('alreadyOnTrack', 'email', { value: email });
    else if (email && firstRowOf.has(email)) problem('duplicateInFile', 'email', { value: email, first: firstRowOf.get(email)! });
    if (email && !firstRowOf.has(email)) firstRowOf.set(email, row);
    const municipality = value('municipality');
    const organisation = value('organisation');
    const municipalityId = municipality ? municipalities.get(municipality.toLowerCase().replace(/ё/g, 'е')) : undefined;
    if (municipality && organisation) problem('bothOrigins', 'municipality');
    else if (municipality && municipalityId === undefined) problem('unknownMunicipality', 'municipality', { value: municipality });
    else if (!municipality && !organisation) problem('noOrigin', 'municipality');
    if (problems.length > before) return;
    checked.push({
      row,
      lastName: names[0],
      firstName: names[1],
      patronymic: names.slice(2).join(' '),
      position: value('position'),
      institution: value('institution'),
      municipalityId: municipalityId ?? null,
      organisation: municipality ? '' : organisation,
      email,
    });
  });
  return { checked, problems, missing: [] };
}

/** Imports the rows into the track in the caller's transaction, or nothing and every problem found. */
export async function importDelegation(m: EntityManager, trackId: number, rows: string[][], actorId: number): Promise<ImportResult> {
  // the track's row is locked, so two imports (or an import and an allocation) cannot both take its last places
  const [track]: Array<{ cycleId: number; places: number; placeMethod: string; status: CycleStatus }> = await m.query(
    `SELECT t.cycle_id AS "cycleId", t.places, t.place_method AS "placeMethod", c.status
       FROM track t JOIN cycle c ON c.id = t.cycle_id WHERE t.id = $1 FOR UPDATE OF t`,
    [trackId],
  );
  if (!track) return { ok: false, refused: 'notFound' };
  if (track.placeMethod !== 'direct') return { ok: false, refused: 'notDirect' };
  if (track.status === 'closed') return { ok: false, refused: 'closed', phase: track.status };
  const municipalityRows: Array<{ id: number; name: string }> = await m.query(`SELECT id, name FROM municipality`);
  const municipalities = new Map(municipalityRows.map((r) => [r.name.toLowerCase().replace(/ё/g, 'е'), r.id]));
  const existing: Array<{ email: string; occupying: boolean }> = await m.query(
    `SELECT p.email, ${participantStatusIn('occupying')} AS occupying FROM participant p WHERE p.track_id = $1`,
    [trackId],
  );
  const { checked, problems, missing } = checkRows(rows, municipalities, new Set(existing.map((e) => e.email)));
  if (missing.length) return { ok: false, fileIssues: [{ key: 'missingColumns', columns: missing }], rowProblems: [] };
  const fileIssues: FileIssue[] = [];
  const people = checked.length + new Set(problems.map((p) => p.row)).size;
  const free = Math.max(0, track.places - existing.filter((e) => e.occupying).length);
  if (people === 0) fileIssues.push({ key: 'noRows' });
  else if (people > free) fileIssues.push({ key: 'tooManyForPlaces', rows: people, free });
  if (fileIssues.length || problems.length) return { ok: false, fileIssues, rowProblems: problems };
  const status = theParticipantStatus('imported');
  // in slices, well under PostgreSQL's limit of parameters in one statement
  for (let i = 0; i < checked.length; i += 500) {
    await m.insert(
      Participant,
      checked.slice(i, i + 500).map(({ row: _row, ...person }) => ({ ...person, trackId, source: 'delegation' as const, status })),
    );
  }
  // how many, never who: the audit log outlives a person's request to be forgotten
  await recordAudit(m, { actorId, entity: 'track', entityId: trackId, cycleId: track.cycleId, action: 'track.delegationImported', data: { count: checked.length } });
  return { ok: true, count: checked.length };
}
