import { In, type EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Nomination } from './nomination.entity';
import { DECISION_MOVES, isIn, type NominationStatus } from './statuses';
import { moveNomination } from './lifecycle';

export type Decision = keyof typeof DECISION_MOVES;

/** Screening happens while nominations are open (early decisions) and during the screening phase. */
export const SCREENING_PHASES = ['nominations_open', 'screening'] as const;

export type DecideResult =
  | { ok: true; status: NominationStatus }
  | { ok: false; problem: 'notFound' | 'reasonRequired' | 'notSubmitted' | 'phase' | 'conflict' };

/**
 * The admin's decision on a submitted nomination. Rejecting and returning need a reason, which the
 * officer sees; every decision is audited with who, when and why.
 */
export async function decideNomination(m: EntityManager, adminId: number, id: number, decision: Decision, reason: string, version: number | null, now = new Date()): Promise<DecideResult> {
  const nomination = await m.findOne(Nomination, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!nomination) return { ok: false, problem: 'notFound' };
  const cycle = await m.findOneOrFail(Cycle, { where: { id: nomination.cycleId } });
  if (!(SCREENING_PHASES as readonly string[]).includes(cycle.status)) return { ok: false, problem: 'phase' };
  if (version !== null && nomination.version !== version) return { ok: false, problem: 'conflict' };
  if (!isIn('awaitingDecision', nomination.status)) return { ok: false, problem: 'notSubmitted' };
  const why = reason.trim();
  if (decision !== 'accept' && !why) return { ok: false, problem: 'reasonRequired' };
  const { status } = await moveNomination(m, nomination, DECISION_MOVES[decision], { actorId: adminId, now, reason: why || null });
  return { ok: true, status };
}

/** Accepts many submitted nominations at once; returns how many were accepted and which ids were skipped. */
export async function acceptMany(m: EntityManager, adminId: number, ids: number[], now = new Date()): Promise<{ accepted: number[]; skipped: number[] }> {
  const rows = ids.length ? await m.find(Nomination, { where: { id: In(ids) }, select: { id: true } }) : [];
  const accepted: number[] = [];
  const skipped: number[] = [];
  for (const { id } of rows.sort((a, b) => a.id - b.id)) {
    const r = await decideNomination(m, adminId, id, 'accept', '', null, now);
    (r.ok ? accepted : skipped).push(id);
  }
  for (const id of ids) if (!rows.some((r) => r.id === id)) skipped.push(id);
  return { accepted, skipped };
}
