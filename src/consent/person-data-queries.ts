import type { NomineeFields } from '../nominations/drafts';
import type { EntityManager } from 'typeorm';
import { FULL_NAME_SQL } from '../nominations/screening-queries';
import { isIn, statusIn, type NominationStatus } from '../nominations/statuses';
import { PUBLIC_FIELDS, PUBLIC_FIELD_COLUMNS, type PublicField } from './public-fields';
import type { ErasureReason } from './person-data-erasure.entity';

/**
 * A person's data on request (152-FZ art. 14): finding a nominee by name, and everything stored about them
 * across their nominations — what the admin's page shows and the export holds. A person is the nominations
 * the admin picked as theirs: nominee rows are per municipality and copied on change, so one person may have
 * several rows, and two people may share a name; the admin decides, the search only proposes.
 */

export const SEARCH_LIMIT = 50;
export const MAX_NOMINATIONS_PER_PERSON = 100;

export interface FoundNomination {
  id: number;
  fullName: string;
  municipality: string;
  institution: string;
  cycleName: string;
  categoryName: string | null;
  status: NominationStatus;
}

/** One proposed person: nominations whose nominee has the same full name in the same municipality. */
export interface FoundPerson {
  fullName: string;
  municipality: string;
  nominations: FoundNomination[];
}

/** Nominations whose nominee's name holds every word of `query` (erased ones no longer have a name to find). */
export async function searchPeople(m: EntityManager, query: string): Promise<{ people: FoundPerson[]; more: boolean }> {
  // ё and е are one letter to whoever types a name
  const words = query.toLowerCase().replace(/ё/g, 'е').trim().split(/\s+/).filter(Boolean).slice(0, 5);
  if (!words.length) return { people: [], more: false };
  const rows: FoundNomination[] = await m.query(
    `SELECT n.id, ${FULL_NAME_SQL} AS "fullName", mu.name AS municipality, ne.institution, cy.name AS "cycleName", c.name AS "categoryName", n.status
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN municipality mu ON mu.id = n.municipality_id
       JOIN cycle cy ON cy.id = n.cycle_id LEFT JOIN category c ON c.id = n.category_id
      WHERE NOT EXISTS (SELECT 1 FROM person_data_erasure e WHERE e.nomination_id = n.id)
        AND ${words.map((_, i) => `replace(lower(${FULL_NAME_SQL}), 'ё', 'е') LIKE $${i + 1}`).join(' AND ')}
      ORDER BY lower(${FULL_NAME_SQL}), mu.name, cy.year DESC, n.id
      LIMIT ${SEARCH_LIMIT + 1}`,
    words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
  );
  const people = new Map<string, FoundPerson>();
  for (const r of rows.slice(0, SEARCH_LIMIT)) {
    const key = `${r.fullName.toLowerCase()}\u0000${r.municipality}`;
    const person = people.get(key) ?? { fullName: r.fullName, municipality: r.municipality, nominations: [] };
    person.nominations.push(r);
    people.set(key, person);
  }
  return { people: [...people.values()], more: rows.length > SEARCH_LIMIT };
}

export interface UnconsentedWinner {
  id: number;
  fullName: string;
  cycleName: string;
  categoryName: string | null;
  place: number | null;
}

/**
 * Winners for whom no consent to publication was ever recorded (a withdrawn one is the person's choice, not a
 * gap): after an upgrade, every winner published before consents were kept. Nothing of them is public until
 * the admin records the consent they signed.
 */
export async function unconsentedWinners(m: EntityManager, limit = SEARCH_LIMIT): Promise<{ winners: UnconsentedWinner[]; total: number }> {
  const where = `${statusIn('awarded')} AND NOT EXISTS (SELECT 1 FROM publication_consent pc WHERE pc.nomination_id = n.id)`;
  const winners: UnconsentedWinner[] = await m.query(
    `SELECT n.id, ${FULL_NAME_SQL} AS "fullName", cy.name AS "cycleName", c.name AS "categoryName", n.place
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN cycle cy ON cy.id = n.cycle_id LEFT JOIN category c ON c.id = n.category_id
      WHERE ${where} ORDER BY cy.year DESC, cy.id DESC, c.sort_order, n.place NULLS LAST, n.id LIMIT $1`,
    [limit],
  );
  const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM nomination n WHERE ${where}`);
  return { winners, total };
}

/** The personal-data start page: the people found for `query` (none without one), and the winners without a consent. */
export async function personalDataHome(m: EntityManager, query: string) {
  const found = query ? await searchPeople(m, query) : { people: [], more: false };
  return { ...found, unconsented: await unconsentedWinners(m) };
}

/** A nominee's fields as the person's data shows them: the same fields a nomination's form holds. */
export type NomineeData = NomineeFields;

export interface PersonNomination {
  id: number;
  fullName: string;
  nominee: NomineeData;
  cycle: { name: string; year: number };
  category: string | null;
  municipality: string;
  status: NominationStatus;
  place: number | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  achievements: string;
  motivation: string;
  /** a winner's record is the ministry's archive: never erased */
  archive: boolean;
  erasure: { reason: ErasureReason; erasedAt: Date } | null;
  publicationConsent: { fields: PublicField[]; givenAt: Date; withdrawnAt: Date | null } | null;
  withdrawals: Array<{ scope: string; requestedOn: string; recordedAt: Date }>;
  documents: Array<{ id: number; kind: string; fileName: string; mime: string; size: number; sha256: string; uploadedAt: Date }>;
  /** the jurors' assessment in aggregate only: how many judged, the mean of their weighted totals, and per criterion */
  scores: { scorecards: number; meanTotal: number | null; criteria: Array<{ name: string; mean: number }> };
  certificates: Array<{ number: string; kind: string; holderName: string; issuedAt: Date; revokedAt: Date | null }>;
}

export interface PersonData {
  nominations: PersonNomination[];
  /** messages Laureate sent to the person's own address (a nominee who is also a user of the app, say) */
  messages: Array<{ kind: string; toEmail: string; subject: string; text: string; status: string; createdAt: Date; sentAt: Date | null }>;
}

const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

/** Everything stored about the person of these nominations (the ids that exist, in order); empty when none does. */
export async function personData(m: EntityManager, ids: readonly number[]): Promise<PersonData> {
  const wanted = [...new Set(ids)].slice(0, MAX_NOMINATIONS_PER_PERSON);
  if (!wanted.length) return { nominations: [], messages: [] };
  const heads: Array<Omit<PersonNomination, 'archive' | 'erasure' | 'publicationConsent' | 'withdrawals' | 'documents' | 'scores' | 'certificates'> & { erasureReason: ErasureReason | null; erasedAt: Date | null }> = await m.query(
    `SELECT n.id, ${FULL_NAME_SQL} AS "fullName",
            json_build_object('lastName', ne.last_name, 'firstName', ne.first_name, 'patronymic', ne.patronymic, 'position', ne.position,
              'institution', ne.institution, 'specialty', ne.specialty, 'yearsOfPractice', ne.years_of_practice, 'phone', ne.phone, 'email', ne.email) AS nominee,
            json_build_object('name', cy.name, 'year', cy.year) AS cycle, c.name AS category, mu.name AS municipality,
            n.status, n.place, n.submitted_at AS "submittedAt", n.decided_at AS "decidedAt", n.achievements, n.motivation,
            e.reason AS "erasureReason", e.erased_at AS "erasedAt"
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN cycle cy ON cy.id = n.cycle_id
       JOIN municipality mu ON mu.id = n.municipality_id LEFT JOIN category c ON c.id = n.category_id
       LEFT JOIN person_data_erasure e ON e.nomination_id = n.id
      WHERE n.id = ANY($1::int[]) ORDER BY cy.year, n.id`,
    [wanted],
  );
  if (!heads.length) return { nominations: [], messages: [] };
  const found = heads.map((h) => h.id);
  type Of<T> = Array<T & { id: number }>;
  const consents: Of<Record<PublicField, boolean> & { givenAt: Date; withdrawnAt: Date | null }> = await m.query(
    `SELECT nomination_id AS id, ${PUBLIC_FIELDS.map((f) => `${PUBLIC_FIELD_COLUMNS[f]} AS "${f}"`).join(', ')}, given_at AS "givenAt", withdrawn_at AS "withdrawnAt"
       FROM publication_consent WHERE nomination_id = ANY($1::int[])`,
    [found],
  );
  const withdrawals: Of<PersonNomination['withdrawals'][number]> = await m.query(
    `SELECT nomination_id AS id, scope, to_char(requested_on, 'YYYY-MM-DD') AS "requestedOn", recorded_at AS "recordedAt"
       FROM consent_withdrawal WHERE nomination_id = ANY($1::int[]) ORDER BY recorded_at, id`,
    [found],
  );
  const documents: Array<PersonNomination['documents'][number] & { nominationId: number }> = await m.query(
    `SELECT nomination_id AS "nominationId", id, kind, file_name AS "fileName", mime, size, sha256, created_at AS "uploadedAt"
       FROM attachment WHERE nomination_id = ANY($1::int[]) ORDER BY created_at, id`,
    [found],
  );
  // aggregates only: no query here reads a juror's id or a single scorecard's values
  const totals: Of<{ scorecards: number; meanTotal: number | null }> = await m.query(
    `SELECT nomination_id AS id, count(*)::int AS scorecards, avg(weighted_total)::float8 AS "meanTotal"
       FROM scorecard WHERE nomination_id = ANY($1::int[]) AND status = 'submitted' GROUP BY nomination_id`,
    [found],
  );
  const criteria: Of<{ name: string; mean: number }> = await m.query(
    `SELECT s.nomination_id AS id, k.name, avg(v.value)::float8 AS mean
       FROM scorecard s JOIN score v ON v.scorecard_id = s.id JOIN criterion k ON k.id = v.criterion_id
      WHERE s.nomination_id = ANY($1::int[]) AND s.status = 'submitted'
      GROUP BY s.nomination_id, k.id, k.name, k.sort_order ORDER BY k.sort_order, k.id`,
    [found],
  );
  const certificates: Of<PersonNomination['certificates'][number]> = await m.query(
    `SELECT nomination_id AS id, number, kind, holder_name AS "holderName", issued_at AS "issuedAt", revoked_at AS "revokedAt"
       FROM certificate WHERE nomination_id = ANY($1::int[]) ORDER BY issued_at, id`,
    [found],
  );
  const nominations: PersonNomination[] = heads.map(({ erasureReason, erasedAt, ...h }) => {
    const consent = consents.find((c) => c.id === h.id);
    const total = totals.find((t) => t.id === h.id);
    return {
      ...h,
      archive: isIn('awarded', h.status),
      erasure: erasureReason && erasedAt ? { reason: erasureReason, erasedAt } : null,
      publicationConsent: consent ? { fields: PUBLIC_FIELDS.filter((f) => consent[f]), givenAt: consent.givenAt, withdrawnAt: consent.withdrawnAt } : null,
      withdrawals: withdrawals.filter((w) => w.id === h.id).map(({ scope, requestedOn, recordedAt }) => ({ scope, requestedOn, recordedAt })),
      documents: documents.filter((d) => d.nominationId === h.id).map(({ nominationId: _, ...d }) => d),
      scores: {
        scorecards: total?.scorecards ?? 0,
        meanTotal: round(total?.meanTotal ?? null),
        criteria: criteria.filter((c) => c.id === h.id).map((c) => ({ name: c.name, mean: round(c.mean) ?? 0 })),
      },
      certificates: certificates.filter((c) => c.id === h.id).map(({ id: _, ...c }) => c),
    };
  });
  const emails = [...new Set(nominations.map((n) => n.nominee.email.trim().toLowerCase()).filter(Boolean))];
  const messages = emails.length
    ? await m.query(
        `SELECT kind, to_email AS "toEmail", subject, text, status, created_at AS "createdAt", sent_at AS "sentAt"
           FROM mail_message WHERE lower(to_email) = ANY($1::text[]) ORDER BY created_at, id LIMIT 1000`,
        [emails],
      )
    : [];
  return { nominations, messages };
}
