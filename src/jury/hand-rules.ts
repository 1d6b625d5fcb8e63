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

/**
 * handChangeProblem for every «назначить» of a page at once (a change with no `from`), in O(1) per cell
 * after one pass over the matrix. It answers what handChangeProblem answers — test/jury/matrix-assign-rule.test.ts
 * checks the two agree on every cell of random matrices — but without rebuilding every juror's seats per cell,
 * which made the matrix page quadratic. The POST handlers keep calling handChangeProblem itself.
 */
export function assignProblemOf(matrix: Matrix): (to: number, nominationId: number) => HandProblem | null {
  if (matrix.panel?.mode !== 'k') return () => null;
  const k = matrix.panel.k ?? 1;
  const columnOf = new Map(matrix.columns.map((c, i) => [c.nomination.id, i]));
  // the seats as seatsOf sees them: a load, and how many nominations are still open (cells in state 'none')
  const seats = new Map<number, { row: Matrix['rows'][number]; load: number; open: number }>();
  let maxLoad = -Infinity;
  // the lightest load among the jurors who could still take a nomination, how many carry it, and the next one up
  let minFree = Infinity;
  let atMin = 0;
  let nextFree = Infinity;
  for (const row of matrix.rows) {
    if (!(row.juror.member && row.juror.active)) continue;
    const load = row.progress.assigned;
    const open = row.cells.reduce((n, c) => (c.state === 'none' ? n + 1 : n), 0);
    seats.set(row.juror.id, { row, load, open });
    maxLoad = Math.max(maxLoad, load);
    if (!open) continue;
    if (load < minFree) [nextFree, minFree, atMin] = [minFree, load, 1];
    else if (load === minFree) atMin++;
    else nextFree = Math.min(nextFree, load);
  }
  const before = minFree === Infinity ? 0 : maxLoad - minFree;
  return (to, nominationId) => {
    const column = columnOf.get(nominationId);
    if (column === undefined) return null;
    if (matrix.columns[column].progress.assigned >= k) return { problem: 'full', k };
    const seat = seats.get(to);
    if (!seat) return null; // nobody's load changes: the spread stays as it is
    const load = seat.load + 1;
    const openAfter = seat.open - (seat.row.cells[column].state === 'none' ? 1 : 0);
    const others = seat.open > 0 && seat.load === minFree && atMin === 1 ? nextFree : minFree;
    const lightest = openAfter > 0 ? Math.min(others, load) : others;
    const after = lightest === Infinity ? 0 : Math.max(maxLoad, load) - lightest;
    return after > 1 && after > before ? { problem: 'unbalanced' } : null;
  };
}
