import type { EntityManager } from 'typeorm';
import { Cycle, type CycleKind, type RankingScope } from './cycle.entity';
import { syncSelectionCategories } from '../programmes/selection';
import { recordAudit } from '../audit/record';
import { windowsOf } from './phases';
import { PHASE_DATE_FIELDS, PHASE_WINDOWS, phaseDateProblems, type PhaseDateField, type PhaseDateProblem, type PhaseDates } from './phase-dates';

export interface CycleInput extends PhaseDates {
  name: string;
  slug: string;
  code: string;
  year: number;
  description: string;
  /** days before nominations close / judging closes that reminders go (src/mail/reminders) */
  nominationsReminderDays: number[];
  judgingReminderDays: number[];
  /** chosen on creation only (an award unless said): an edit never changes it */
  kind?: CycleKind;
  /** a programme's rankings: one, or one per track; changed only while it is a draft */
  rankingScope?: RankingScope;
}

export type CycleProblem =
  | PhaseDateProblem
  | { key: 'cycles.problem.slugTaken' | 'cycles.problem.windowRequired' | 'cycles.problem.noRegion' }
  | { key: 'cycles.problem.codeYearTaken'; params: { code: string; year: number } };
export type CycleProblems = Partial<Record<keyof CycleInput | '_form', CycleProblem>>;

export type CreateCycleResult = { ok: true; id: number } | { ok: false; problems: CycleProblems };
export type UpdateCycleResult = { ok: true } | { ok: false; problems: CycleProblems } | { ok: false; notFound: true } | { ok: false; stale: true };

async function problemsOf(m: EntityManager, input: CycleInput, existing: Pick<Cycle, 'id' | 'status'> | null): Promise<CycleProblems> {
  const problems: CycleProblems = { ...phaseDateProblems(input) };
  // Once nominations have opened, the clock needs the window to close them.
  if (existing && existing.status !== 'draft') {
    for (const field of ['nominationsStart', 'nominationsEnd'] as PhaseDateField[]) {
      if (!input[field]) problems[field] = { key: 'cycles.problem.windowRequired' };
    }
  }
  const sameSlug: Array<{ id: number }> = await m.query(`SELECT id FROM cycle WHERE slug = $1 AND id <> $2`, [input.slug, existing?.id ?? 0]);
  if (sameSlug.length) problems.slug = { key: 'cycles.problem.slugTaken' };
  // The code and year make the certificate numbers (PED-2026-0007): shared, two cycles would print the same numbers.
  const sameNumbers: Array<{ id: number }> = await m.query(`SELECT id FROM cycle WHERE code = $1 AND year = $2 AND id <> $3`, [input.code, input.year, existing?.id ?? 0]);
  if (sameNumbers.length) problems.code = { key: 'cycles.problem.codeYearTaken', params: { code: input.code, year: input.year } };
  return problems;
}

const columnsOf = (input: CycleInput) => ({
  name: input.name,
  slug: input.slug,
  code: input.code,
  year: input.year,
  description: input.description,
  nominationsStart: input.nominationsStart,
  nominationsEnd: input.nominationsEnd,
  screeningStart: input.screeningStart,
  screeningEnd: input.screeningEnd,
  judgingStart: input.judgingStart,
  judgingEnd: input.judgingEnd,
  deliberationStart: input.deliberationStart,
  deliberationEnd: input.deliberationEnd,
  nominationsReminderDays: input.nominationsReminderDays,
  judgingReminderDays: input.judgingReminderDays,
});

/** Creates a cycle in draft, in the region (Laureate serves one region per installation). */
export async function createCycle(m: EntityManager, input: CycleInput, actorId: number): Promise<CreateCycleResult> {
  const problems = await problemsOf(m, input, null);
  const region: Array<{ id: number }> = await m.query(`SELECT id FROM region ORDER BY id LIMIT 1`);
  if (!region.length) problems._form = { key: 'cycles.problem.noRegion' };
  if (Object.keys(problems).length) return { ok: false, problems };
  const kind = input.kind ?? 'award';
  // the dates of a phase the kind does not have (a programme's deliberation) are not kept
  const unused = PHASE_WINDOWS.filter((w) => !windowsOf(kind).includes(w)).flatMap((w) => [[w.start, null], [w.end, null]]);
  const scope = kind === 'programme' && input.rankingScope ? { rankingScope: input.rankingScope } : {};
  const inserted = await m.insert(Cycle, { ...columnsOf(input), ...Object.fromEntries(unused), ...scope, kind, regionId: region[0].id, status: 'draft' });
  const id = inserted.identifiers[0].id as number;
  await recordAudit(m, { actorId, entity: 'cycle', entityId: id, cycleId: id, action: 'cycle.created', to: 'draft', data: { slug: input.slug, kind } });
  return { ok: true, id };
}

const MINUTE = 60_000;

/**
 * The form shows dates to the minute, while a phase button stores the instant it was pressed: a date
 * sent back unchanged (the same minute) keeps its stored instant, so a phase opened and closed within
 * one minute does not come back as a window that ends when it starts.
 */
function keepStoredInstants(input: CycleInput, stored: PhaseDates): CycleInput {
  const kept = { ...input };
  for (const field of PHASE_DATE_FIELDS) {
    const was = stored[field];
    const now = input[field];
    if (was && now && Math.floor(was.getTime() / MINUTE) * MINUTE === now.getTime()) kept[field] = was;
  }
  return kept;
}

/**
 * Saves the edited cycle only if nobody changed it since the form was opened (`version`); a stale
 * save changes nothing. The phase is not edited here: see cycle-phase.ts.
 */
export async function updateCycle(m: EntityManager, id: number, version: number, submitted: CycleInput, actorId: number): Promise<UpdateCycleResult> {
  const cycle = await m.findOne(Cycle, { where: { id } });
  if (!cycle) return { ok: false, notFound: true };
  if (cycle.version !== version) return { ok: false, stale: true };
  const input = keepStoredInstants(submitted, cycle);
  const problems = await problemsOf(m, input, cycle);
  if (Object.keys(problems).length) return { ok: false, problems };
  // the scope decides what applications choose, so it is fixed once applications open
  const scope: { rankingScope?: RankingScope } = cycle.kind === 'programme' && cycle.status === 'draft' && input.rankingScope ? { rankingScope: input.rankingScope } : {};
  const result = await m.update(Cycle, { id, version }, { ...columnsOf(input), ...scope, version: () => 'version + 1' });
  if (!result.affected) return { ok: false, stale: true };
  // a programme's ranking categories follow its name and scope
  await syncSelectionCategories(m, id);
  await recordAudit(m, { actorId, entity: 'cycle', entityId: id, cycleId: id, action: 'cycle.updated', data: { slug: input.slug, version: version + 1, ...scope } });
  return { ok: true };
}
