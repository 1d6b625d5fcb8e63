import type { EntityManager } from 'typeorm';
import { Nomination } from './nomination.entity';
import { Nominee } from './nominee.entity';
import { Cycle } from '../cycles/cycle.entity';
import type { Category } from '../cycles/category.entity';
import type { Juror, Officer } from '../auth/policies';
import { automaticConflict } from '../jury/conflict-rules';
import { statusIn } from './statuses';

/**
 * Which nominations (and their documents and nominees) each actor may see, in one place: the
 * object-level half of the authorization module (src/auth/policies.ts). Reads and writes go through
 * the same scope, so whatever a person cannot see, they cannot change either; anything out of scope is
 * "not found" (the routes answer 404, never 403, so ids of others are not confirmed).
 *
 * - An officer sees the nominations, documents and nominee records of their own municipality.
 * - A juror sees a nomination assigned to them, under judging or placed by the results, unless they
 *   recused themselves or are in an automatic conflict with it by today's data (conflict-rules.ts).
 */

export type { Officer, Juror } from '../auth/policies';

// ─── officers ────────────────────────────────────────────────────────────────────────────────────────

/** The TypeORM criterion of "this officer's": every officer lookup below is built on it. */
const officers = (officer: Pick<Officer, 'municipalityId'>) => ({ municipalityId: officer.municipalityId });

/** SQL of "this officer's" for a nomination aliased `alias`, with the municipality in parameter `param` ($n). */
export const officerScopeSql = (param: string, alias = 'n') => `${alias}.municipality_id = ${param}`;

export type OwnNomination = Nomination & { cycle: Cycle; nominee: Nominee; category?: Category };

/** One of the officer's nominations with its cycle, category and nominee, to show; null for anyone else's. */
export async function officerNomination(m: EntityManager, officer: Pick<Officer, 'municipalityId'>, id: number): Promise<OwnNomination | null> {
  return (await m.findOne(Nomination, { where: { id, ...officers(officer) }, relations: { cycle: true, category: true, nominee: true } })) as OwnNomination | null;
}

/** One of the officer's nominations, locked for the rest of the transaction, to change; null for anyone else's. */
export async function lockOfficerNomination(m: EntityManager, officer: Pick<Officer, 'municipalityId'>, id: number): Promise<{ nomination: Nomination; cycle: Cycle } | null> {
  const nomination = await m.findOne(Nomination, { where: { id, ...officers(officer) }, lock: { mode: 'pessimistic_write' } });
  if (!nomination) return null;
  const cycle = await m.findOneOrFail(Cycle, { where: { id: nomination.cycleId } });
  return { nomination, cycle };
}

/** A nominee record of the officer's municipality (picked from the search); null for anyone else's. */
export async function officerNominee(m: EntityManager, officer: Pick<Officer, 'municipalityId'>, id: number): Promise<Nominee | null> {
  return m.findOne(Nominee, { where: { id, ...officers(officer) } });
}

/** A nominee record of the officer's municipality, locked for the rest of the transaction (to change or delete it); null for anyone else's. */
export async function lockOfficerNominee(m: EntityManager, officer: Pick<Officer, 'municipalityId'>, id: number): Promise<Nominee | null> {
  const [nominee] = await m.find(Nominee, { where: { id, ...officers(officer) }, lock: { mode: 'pessimistic_write' } });
  return nominee ?? null;
}

/** A document's bytes, only through one of the officer's nominations. */
export async function officerDocument(m: EntityManager, officer: Pick<Officer, 'municipalityId'>, nominationId: number, documentId: number): Promise<{ id: number; fileName: string; mime: string; size: number } | null> {
  const rows: Array<{ id: number; file_name: string; mime: string; size: number }> = await m.query(
    `SELECT a.id, a.file_name, a.mime, a.size FROM attachment a JOIN nomination n ON n.id = a.nomination_id
      WHERE a.id = $1 AND a.nomination_id = $2 AND ${officerScopeSql('$3')}`,
    [documentId, nominationId, officer.municipalityId],
  );
  return rows[0] ? { id: rows[0].id, fileName: rows[0].file_name, mime: rows[0].mime, size: rows[0].size } : null;
}

// ─── jurors ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * SQL of "this juror's" over `assignment a JOIN nomination n`, with the juror's id in parameter `param`:
 * assigned, under judging or placed, not recused. The automatic conflict is decided after the query, by
 * jurorMaySee, because names are compared normalised (case, «ё», quotes, spacing) in conflict-rules.ts.
 */
export const jurorScopeSql = (param: string) =>
  `a.juror_id = ${param} AND ${statusIn('judged')}
   AND NOT EXISTS (SELECT 1 FROM conflict x WHERE x.juror_id = a.juror_id AND x.nomination_id = a.nomination_id AND x.kind = 'declared')`;

/** The second half of the juror's scope: a row the query found is theirs unless in automatic conflict with them. */
export const jurorMaySee = (juror: Pick<Juror, 'id' | 'municipalityId' | 'institution'>, row: { id: number; municipalityId: number; institution: string }) =>
  automaticConflict(juror, row) === null;

/**
 * Whether the juror may see (and so act on) a nomination now, by the same rule as their pages; `lock`
 * locks the assignment for the rest of the transaction (scoring, confirming, recusing).
 */
export async function jurorNominationInScope(m: EntityManager, juror: Pick<Juror, 'id' | 'municipalityId' | 'institution'>, nominationId: number, opts: { lock?: boolean } = {}): Promise<boolean> {
  const [row]: Array<{ id: number; municipalityId: number; institution: string }> = await m.query(
    `SELECT n.id, n.municipality_id AS "municipalityId", ne.institution
       FROM assignment a JOIN nomination n ON n.id = a.nomination_id JOIN nominee ne ON ne.id = n.nominee_id
      WHERE a.nomination_id = $2 AND ${jurorScopeSql('$1')}${opts.lock ? ' FOR UPDATE OF a' : ''}`,
    [juror.id, nominationId],
  );
  return !!row && jurorMaySee(juror, row);
}
