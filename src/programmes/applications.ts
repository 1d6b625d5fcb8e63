import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import type { DocumentKind } from '../cycles/category.entity';
import type { Problems } from '../nominations/rules';
import { normaliseName } from '../text/normalise';
import { statusIn } from '../nominations/statuses';
import { MAX_PREFERENCES } from './engine';
import { TrackPreference } from './track-preference.entity';
import { meetsLevel, saveDeclaredLanguages, type DeclaredLanguages } from './application-languages';

/**
 * A programme's application (issue 12) is a nomination of the programme's cycle with the applicant's ranked
 * track preferences. The nomination domain saves and submits it as any nomination; these are the programme's
 * parts of it: which tracks may be chosen (and so which ranking category the application is in), and what must
 * hold at submission besides the nomination's own rules.
 */

/** The preference fields of the form, most wanted first: «1-й выбор», «2-й выбор», «3-й выбор». */
export const PREFERENCE_FIELDS = ['pref1', 'pref2', 'pref3'] as const;
export type PreferenceField = (typeof PREFERENCE_FIELDS)[number];

export type TrackChoice =
  | { ok: true; categoryId: number | null; trackIds: number[] }
  | { ok: false; field: PreferenceField; key: string };

interface ChoosableTrack {
  id: number;
  placeMethod: string;
  categoryId: number | null;
}

/**
 * The tracks an application ranks, checked: tracks of this programme, competitive (a delegation's places are
 * not applied for), each once, one only when the programme ranks per track. Blank choices are skipped, so
 * «1-й» and «3-й» make a first and a second. The application's category is the ranking they belong to; none
 * chosen (a draft) leaves it empty.
 */
export async function chooseTracks(m: EntityManager, cycle: Pick<Cycle, 'id' | 'rankingScope'>, preferences: Array<number | null>): Promise<TrackChoice> {
  const chosen = preferences.slice(0, MAX_PREFERENCES).map((id, i) => ({ id, field: PREFERENCE_FIELDS[i] })).filter((c): c is { id: number; field: PreferenceField } => c.id !== null);
  if (!chosen.length) return { ok: true, categoryId: null, trackIds: [] };
  const rows: ChoosableTrack[] = await m.query(
    // FOR KEY SHARE: the track cannot be deleted while this transaction adds a preference for it (tracks.ts waits)
    `SELECT id, place_method AS "placeMethod", category_id AS "categoryId" FROM track WHERE cycle_id = $1 AND id = ANY($2::int[]) FOR KEY SHARE`,
    [cycle.id, chosen.map((c) => c.id)],
  );
  const byId = new Map(rows.map((t) => [t.id, t]));
  const seen = new Set<number>();
  for (const [i, c] of chosen.entries()) {
    const track = byId.get(c.id);
    if (!track) return { ok: false, field: c.field, key: 'validation.invalid' };
    if (track.placeMethod !== 'competitive' || track.categoryId === null) return { ok: false, field: c.field, key: 'programmeApplications.rules.directTrack' };
    if (seen.has(c.id)) return { ok: false, field: c.field, key: 'programmeApplications.rules.duplicateTrack' };
    // the 'track' scope's form shows the first choice only: the refusal goes next to it
    if (i > 0 && cycle.rankingScope === 'track') return { ok: false, field: 'pref1', key: 'programmeApplications.rules.oneTrack' };
    seen.add(c.id);
  }
  return { ok: true, categoryId: byId.get(chosen[0].id)!.categoryId, trackIds: chosen.map((c) => c.id) };
}

/** What an application's form adds to a nomination's. */
export interface ApplicationInput {
  /** track ids by the form's «1-й», «2-й», «3-й выбор»; null: left blank */
  preferences: Array<number | null>;
  languages: DeclaredLanguages;
}

/** Replaces an application's preferences with these tracks (ranked in the order given) and its declared languages. */
export async function saveApplicationChoices(m: EntityManager, nominationId: number, trackIds: number[], languages: DeclaredLanguages): Promise<void> {
  await m.delete(TrackPreference, { nominationId });
  if (trackIds.length) await m.insert(TrackPreference, trackIds.map((trackId, i) => ({ nominationId, trackId, rank: i + 1 })));
  await saveDeclaredLanguages(m, nominationId, languages);
}

interface ChosenTrack {
  rank: number;
  name: string;
  minYearsPractice: number;
  specialty: string;
  language: string;
  languageLevel: string | null;
  requiredDocuments: DocumentKind[];
}

export interface ApplicantFacts {
  specialty: string;
  yearsOfPractice: number | null;
  email: string;
}

/**
 * What an application must satisfy on submission besides a nomination's rules, each problem keyed by the field
 * it belongs to: at least one track chosen (in place of the category), the doctor's email (the place is offered
 * by mail), the documents every chosen track requires, and each chosen track's requirements of the doctor.
 * `problems` are the nomination's own; the returned set replaces them.
 */
export async function withApplicationRules(
  m: EntityManager,
  nominationId: number,
  applicant: ApplicantFacts,
  declared: DeclaredLanguages,
  attachmentKinds: string[],
  problems: Problems,
): Promise<Problems> {
  const out: Problems = { ...problems };
  const tracks: ChosenTrack[] = await m.query(
    `SELECT p.rank, t.name, t.min_years_practice AS "minYearsPractice", t.specialty, t.language, t.language_level AS "languageLevel",
            t.required_documents AS "requiredDocuments"
       FROM track_preference p JOIN track t ON t.id = p.track_id WHERE p.nomination_id = $1 ORDER BY p.rank`,
    [nominationId],
  );
  // the programme's form has no category: the choice of tracks stands for it
  if (out.categoryId?.key === 'nominations.rules.categoryRequired') delete out.categoryId;
  if (!tracks.length) out.pref1 = { key: 'programmeApplications.rules.trackRequired' };
  if (!applicant.email.trim()) out['nominee.email'] = { key: 'programmeApplications.rules.emailRequired' };
  else if (await appliedAlready(m, nominationId, applicant.email)) out['nominee.email'] = { key: 'programmeApplications.rules.appliedAlready' };

  const missing = [...new Set(tracks.flatMap((t) => t.requiredDocuments))].filter((kind) => !attachmentKinds.includes(kind));
  if (missing.length && !out.documents) out.documents = { key: 'nominations.rules.documentsMissing', params: { kinds: missing } };

  for (const t of tracks) {
    const field = `pref${t.rank}`;
    if (out[field]) continue;
    if (applicant.yearsOfPractice !== null && applicant.yearsOfPractice < t.minYearsPractice) {
      out[field] = { key: 'programmeApplications.rules.minYears', params: { track: t.name, min: t.minYearsPractice } };
    } else if (t.specialty.trim() && normaliseName(t.specialty) !== normaliseName(applicant.specialty)) {
      out[field] = { key: 'programmeApplications.rules.specialty', params: { track: t.name, specialty: t.specialty } };
    } else if (t.language.trim() && t.languageLevel && !meetsLevel(declared, t.language, t.languageLevel)) {
      out[field] = { key: 'programmeApplications.rules.language', params: { track: t.name, language: t.language, level: t.languageLevel } };
    }
  }
  return out;
}

/**
 * Another active application to the same programme for the same doctor's email: a doctor applies once, with their
 * preferences, and is offered at most one place by that address. The caller holds the cycle's row lock, so two
 * officers submitting the same doctor at the same moment are checked one after the other.
 */
async function appliedAlready(m: EntityManager, nominationId: number, email: string): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM nomination n JOIN nominee p ON p.id = n.nominee_id
      WHERE n.cycle_id = (SELECT cycle_id FROM nomination WHERE id = $1) AND n.id <> $1 AND ${statusIn('active')}
        AND lower(trim(p.email)) = lower(trim($2)) LIMIT 1`,
    [nominationId, email],
  );
  return rows.length > 0;
}
