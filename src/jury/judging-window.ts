import type { Cycle } from '../cycles/cycle.entity';

/** What decides whether jurors may act: the cycle's phase and its judging dates. */
export type JudgingWindow = Pick<Cycle, 'status' | 'judgingStart' | 'judgingEnd'>;

/** Jurors score only while the cycle is in judging and inside its judging dates. */
export function judgingOpen(cycle: JudgingWindow, now: Date): boolean {
  return cycle.status === 'judging' && (!cycle.judgingStart || now >= cycle.judgingStart) && (!cycle.judgingEnd || now < cycle.judgingEnd);
}

/** A refusal because judging is not open, carrying the window so the page can say why (deadline passed, closed early, not yet open). */
export const closedBy = (cycle: JudgingWindow) => ({ ok: false as const, problem: 'closed' as const, window: { status: cycle.status, judgingStart: cycle.judgingStart, judgingEnd: cycle.judgingEnd } });
