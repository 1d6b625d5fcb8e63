import type { DataSource } from 'typeorm';
import type { CycleKind, CycleStatus } from './cycle.entity';
import { recordAudit } from '../audit/record';

/**
 * The phases that end by the calendar: when the deadline passes the cycle moves on by itself, to the
 * next phase of its kind (phases.ts); a null kind: every kind.
 */
export const CLOCK_TRANSITIONS = [
  { kind: null, from: 'nominations_open', to: 'screening', deadline: 'nominations_end' },
  { kind: 'award', from: 'judging', to: 'deliberation', deadline: 'judging_end' },
  { kind: 'programme', from: 'judging', to: 'allocation', deadline: 'judging_end' },
] as const satisfies ReadonlyArray<{ kind: CycleKind | null; from: CycleStatus; to: CycleStatus; deadline: string }>;

export interface ClockMove {
  cycleId: number;
  from: CycleStatus;
  to: CycleStatus;
}

const matches = (t: (typeof CLOCK_TRANSITIONS)[number]) => `status = '${t.from}'${t.kind ? ` AND kind = '${t.kind}'` : ''}`;
const whenMatches = CLOCK_TRANSITIONS.map((t) => `WHEN ${matches(t)} THEN '${t.to}'`).join(' ');
const due = CLOCK_TRANSITIONS.map((t) => `(${matches(t)} AND ${t.deadline} <= $1)`).join(' OR ');
const fromOf = (to: string) => CLOCK_TRANSITIONS.find((t) => t.to === to)!.from;

/**
 * Moves every cycle whose timed phase has ended to the next phase, and audits it (actor: none).
 * One conditional UPDATE … RETURNING: under PostgreSQL's row locks a cycle moved by another app process
 * (or by an admin) no longer matches, so running it anywhere, any number of times, moves each cycle once.
 */
export async function advancePhasesByClock(dataSource: DataSource, now: Date = new Date()): Promise<ClockMove[]> {
  return dataSource.transaction(async (m) => {
    const [rows]: [Array<{ id: number; status: CycleStatus }>, number] = await m.query(
      `UPDATE cycle SET status = CASE ${whenMatches} END, version = version + 1, updated_at = now()
        WHERE ${due} RETURNING id, status`,
      [now],
    );
    const moves = rows.map((r) => ({ cycleId: r.id, from: fromOf(r.status) as CycleStatus, to: r.status }));
    for (const move of moves) {
      await recordAudit(m, { actorId: null, entity: 'cycle', entityId: move.cycleId, cycleId: move.cycleId, action: 'cycle.phase', from: move.from, to: move.to, data: { by: 'clock' } });
    }
    return moves;
  });
}

/**
 * Runs the clock every `everyMs` until stopped; failures (a database restart) are logged and retried
 * on the next tick. The timer does not keep the process alive.
 */
export function startPhaseClock(dataSource: DataSource, onError: (err: unknown) => void, everyMs = 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await advancePhasesByClock(dataSource);
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
