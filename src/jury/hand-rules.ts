import { SCORING, type Matrix } from './matrix';

/** A hand change of assignments: `to` gets the nomination; with `from`, it is moved from that juror. */
export interface HandChange {
  nominationId: number;
  to: number;
  from?: number;
}

export type HandProblem = { problem: 'full'; k: number } | { problem: 'unbalanced' };

/** An active panel member: how many nominations they can score now, and which ones they could still take. */
interface Seat {
  id: number;
  load: number;
  open: Set<number>;
}

function seatsOf(matrix: Matrix): Seat[] {
  return matrix.rows
    .filter((r) => r.juror.member && r.juror.active)
    .map((r) => ({ id: r.juror.id, load: r.progress.assigned, open: new Set(r.cells.filter((c) => c.state === 'none').map((c) => c.nominationId)) }));
}

/**
 * The busiest load minus the lightest load of a juror who could still take a nomination. A juror whom
 * conflicts leave with nothing more to take does not count as the lightest: their low load is no
 * imbalance anyone can fix, and counting it would block every hand change in the category.
 */
function spread(seats: Seat[]): number {
  const free = seats.filter((s) => s.open.size > 0);
  if (!free.length) return 0;
  return Math.max(...seats.map((s) => s.load)) - Math.min(...free.map((s) => s.load));
}

function applied(seats: Seat[], change: HandChange, fromScores: boolean): Seat[] {
  return seats.map((s) => {
    if (s.id === change.to) return { ...s, load: s.load + 1, open: new Set([...s.open].filter((n) => n !== change.nominationId)) };
    if (s.id === change.from && fromScores) return { ...s, load: s.load - 1, open: new Set([...s.open, change.nominationId]) };
    return s;
  });
}

/**
 * Whether a hand change keeps the promises of "k jurors per nomination": a nomination never gets more
 * than k jurors, and the jurors' loads stay within one of each other. A change that would widen the gap
 * beyond one is refused, so the admin gives the nomination to a less busy juror, or moves an assignment
 * (from → to), which is how loads are evened out by hand. With every juror scoring every nomination
 * there is nothing to balance.
 */
export function handChangeProblem(matrix: Matrix, change: HandChange): HandProblem | null {
  if (matrix.panel?.mode !== 'k') return null;
  const k = matrix.panel.k ?? 1;
  const column = matrix.columns.findIndex((c) => c.nomination.id === change.nominationId);
  if (column < 0) return null;
  const fromRow = matrix.rows.find((r) => r.juror.id === change.from);
  // A move keeps the nomination's number of jurors, unless the juror it leaves could not score it anyway.
  const fromScores = !!fromRow && SCORING.includes(fromRow.cells[column].state);
  if (!fromScores && matrix.columns[column].progress.assigned >= k) return { problem: 'full', k };
  const seats = seatsOf(matrix);
  const before = spread(seats);
  const after = spread(applied(seats, change, fromScores));
  return after > 1 && after > before ? { problem: 'unbalanced' } : null;
}
