import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import type { Method, ResultOutput } from './engine';
import type { Cycle } from '../cycles/cycle.entity';
import type { WinnerOverride } from './result.entity';
import { bumpCycle, cycleIdOfCategory, lockCycle } from './cycle-lock';
import { categoryResults, municipalitiesOf, type CategoryResults } from './category-results';
import { checkOverride, eligibleOf, sameList, type Decision, type OverrideProblem } from './decisions';

/**
 * Deliberation on a category: the admin replaces the computed winners (or puts them back) with a written
 * reason. Only while the cycle is in deliberation; each change is appended to the category's list of
 * overrides, audited, and bumps the cycle's version (approval must see what the admin saw).
 */

export const REASON_MAX = 2000;

export type DeliberationResult =
  | { ok: true }
  | { ok: false; problem: 'notFound' | 'notInDeliberation' | 'reasonRequired' | 'unchanged' | 'notComputable' }
  | { ok: false; problem: 'places'; problems: OverrideProblem[] };

async function saveDeliberation(m: EntityManager, categoryId: number, winners: number[] | null, entry: WinnerOverride): Promise<void> {
  await m.query(
    `INSERT INTO deliberation (category_id, winners, overrides) VALUES ($1, $2::jsonb, jsonb_build_array($3::jsonb))
     ON CONFLICT (category_id) DO UPDATE SET winners = EXCLUDED.winners, overrides = deliberation.overrides || EXCLUDED.overrides, updated_at = now()`,
    [categoryId, winners === null ? null : JSON.stringify(winners), JSON.stringify(entry)],
  );
}

type Opened =
  | { problem: 'notFound' | 'notInDeliberation' | 'notComputable' }
  | { problem?: undefined; cycle: Cycle; results: CategoryResults; output: ResultOutput; decision: Decision };

/** Locks the category's cycle and reads the category's results; refuses outside deliberation. */
async function openCategory(m: EntityManager, categoryId: number): Promise<Opened> {
  const cycleId = await cycleIdOfCategory(m, categoryId);
  const cycle = cycleId ? await lockCycle(m, cycleId) : null;
  if (!cycle) return { problem: 'notFound' as const };
  if (cycle.status !== 'deliberation') return { problem: 'notInDeliberation' as const };
  const results = await categoryResults(m, categoryId);
  if (!results) return { problem: 'notFound' as const };
  if (!results.computed?.ok || !results.decision) return { problem: 'notComputable' as const };
  return { cycle, results, output: results.computed.output, decision: results.decision };
}

/** Sets the final winners of a category: `places[i]` is the nomination for place i + 1, null for none. */
export async function overrideWinners(m: EntityManager, categoryId: number, places: Array<number | null>, reason: string, actorId: number, now = new Date()): Promise<DeliberationResult> {
  const why = reason.trim();
  const open = await openCategory(m, categoryId);
  if (open.problem) return { ok: false, problem: open.problem };
  if (!why) return { ok: false, problem: 'reasonRequired' };
  const { cycle, results, output, decision } = open;
  const check = checkOverride(places, {
    maxWinners: results.category.maxWinners,
    quotaPerMunicipality: results.category.quotaPerMunicipality,
    eligible: eligibleOf(output, municipalitiesOf(results)),
  });
  if (!check.ok) return { ok: false, problem: 'places', problems: check.problems };
  if (sameList(check.winners, decision.final)) return { ok: false, problem: 'unchanged' };
  await saveDeliberation(m, categoryId, check.winners, { at: now.toISOString(), byId: actorId, reason: why, winners: check.winners });
  await bumpCycle(m, cycle.id);
  await recordAudit(m, {
    actorId, entity: 'category', entityId: categoryId, cycleId: cycle.id, action: 'results.override', reason: why,
    data: { winners: check.winners, computed: decision.computed, undecided: decision.undecided },
  });
  return { ok: true };
}

/** Drops the admin's list: the computed winners are the proposal again. */
export async function resetWinners(m: EntityManager, categoryId: number, reason: string, actorId: number, now = new Date()): Promise<DeliberationResult> {
  const why = reason.trim();
  const open = await openCategory(m, categoryId);
  if (open.problem) return { ok: false, problem: open.problem };
  if (!why) return { ok: false, problem: 'reasonRequired' };
  const { cycle, decision } = open;
  if (decision.override === null) return { ok: false, problem: 'unchanged' };
  await saveDeliberation(m, categoryId, null, { at: now.toISOString(), byId: actorId, reason: why, winners: decision.computed });
  await bumpCycle(m, cycle.id);
  await recordAudit(m, {
    actorId, entity: 'category', entityId: categoryId, cycleId: cycle.id, action: 'results.reset', reason: why,
    data: { previous: decision.override, computed: decision.computed },
  });
  return { ok: true };
}

export type CycleSettingResult = { ok: true } | { ok: false; problem: 'notFound' | 'notInDeliberation' };

/** The aggregation method of the cycle; it decides the proposal, so it changes only in deliberation. */
export async function setResultsMethod(m: EntityManager, cycleId: number, method: Method, actorId: number): Promise<CycleSettingResult> {
  const cycle = await lockCycle(m, cycleId);
  if (!cycle) return { ok: false, problem: 'notFound' };
  if (cycle.status !== 'deliberation') return { ok: false, problem: 'notInDeliberation' };
  if (cycle.resultsMethod === method) return { ok: true };
  await bumpCycle(m, cycleId, { resultsMethod: method });
  await recordAudit(m, { actorId, entity: 'cycle', entityId: cycleId, cycleId, action: 'results.method', data: { from: cycle.resultsMethod, to: method } });
  return { ok: true };
}

/** Whether anyone may download the anonymised scores once the results are published. */
export async function setPublicScores(m: EntityManager, cycleId: number, allowed: boolean, actorId: number): Promise<CycleSettingResult> {
  const cycle = await lockCycle(m, cycleId);
  if (!cycle) return { ok: false, problem: 'notFound' };
  if (cycle.publicScores === allowed) return { ok: true };
  await bumpCycle(m, cycleId, { publicScores: allowed });
  await recordAudit(m, { actorId, entity: 'cycle', entityId: cycleId, cycleId, action: 'results.publicScores', data: { allowed } });
  return { ok: true };
}
