import type { EntityManager } from 'typeorm';
import { Cycle, type CycleStatus } from './cycle.entity';
import { recordAudit } from '../audit/record';
import { publish } from '../domain-events';
import { gatherPhaseFacts } from './phase-facts';
import { checkMove, type PhaseCheck, type PhaseProblem } from './phases';
import { PHASE_DATE_FIELDS, type PhaseDates } from './phase-dates';
import { datesForMove, mayKeepPlannedStart, type DateChange, type MoveDateOptions } from './phase-move-dates';

export type MovePhaseResult =
  | { ok: true; from: CycleStatus; to: CycleStatus }
  | { ok: false; notFound: true }
  | { ok: false; stale: true }
  | { ok: false; notAvailable: true }
  | { ok: false; problems: PhaseProblem[] };

const datesOf = (cycle: Cycle): PhaseDates => Object.fromEntries(PHASE_DATE_FIELDS.map((f) => [f, cycle[f]])) as PhaseDates;

export interface PhaseMovePreview {
  check: PhaseCheck;
  /** the dates the move would write, if it may be made */
  changes: DateChange[];
  /** nominations planned to start later may also be announced now and opened on their planned start */
  mayKeepPlannedStart: boolean;
}

/** What the confirmation page shows: whether the move may be made now, and the dates it would set. */
export async function previewPhaseMove(m: EntityManager, cycle: Cycle, to: string, now: Date = new Date()): Promise<PhaseMovePreview> {
  const check = checkMove(await gatherPhaseFacts(m, cycle, now), to);
  if (!check.ok) return { check, changes: [], mayKeepPlannedStart: false };
  const { from, to: next } = check.transition;
  return { check, changes: datesForMove(datesOf(cycle), from, next, now).changes, mayKeepPlannedStart: mayKeepPlannedStart(datesOf(cycle), next, now) };
}

/**
 * Moves a cycle to the next phase by hand, in the caller's transaction: locks the cycle, refuses a
 * version the admin did not see, re-checks the preconditions on fresh facts, then updates the phase and
 * its dates (phase-move-dates.ts: a phase started early starts now) together, and audits both.
 */
export async function moveCyclePhase(
  m: EntityManager, id: number, to: string, version: number, actorId: number, now: Date = new Date(), options: MoveDateOptions = {},
): Promise<MovePhaseResult> {
  // The row lock makes a concurrent move (another admin, the phase clock) wait and then see our version.
  const cycle = await m.findOne(Cycle, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!cycle) return { ok: false, notFound: true };
  if (cycle.version !== version) return { ok: false, stale: true };
  const check = checkMove(await gatherPhaseFacts(m, cycle, now), to);
  if (!check.ok) return check.reason === 'notAvailable' ? { ok: false, notAvailable: true } : { ok: false, problems: check.problems };
  const { from, to: next } = check.transition;
  const { changes } = datesForMove(datesOf(cycle), from, next, now, options);
  const dates = Object.fromEntries(changes.map((c) => [c.field, c.to]));
  const result = await m.update(Cycle, { id, version, status: from }, { ...dates, status: next, version: () => 'version + 1' });
  if (!result.affected) return { ok: false, stale: true };
  // The dates as they were and became, so the log shows why a window moved ("nominationsStart": [from, to]).
  const data = changes.length ? Object.fromEntries(changes.map((c) => [c.field, [c.from?.toISOString() ?? '', c.to?.toISOString() ?? '']])) : null;
  await recordAudit(m, { actorId, entity: 'cycle', entityId: id, cycleId: id, action: 'cycle.phase', from, to: next, data });
  await publish(m, 'cycle.phaseMoved', { cycleId: id, kind: cycle.kind, from, to: next, actorId, at: now });
  return { ok: true, from, to: next };
}
