import { automaticConflict } from './conflict-rules';
import { coverageGaps } from './coverage';
import type { CycleStatus } from '../cycles/cycle.entity';

/** What a cell of the progress matrix says about one juror and one nomination. */
export const CELL_STATES = ['notStarted', 'draft', 'submitted', 'recused', 'conflict', 'none'] as const;
export type CellState = (typeof CELL_STATES)[number];

export interface MatrixJuror {
  id: number;
  fullName: string;
  /** tells namesakes apart in the forms (absent in facts built by hand) */
  email?: string;
  municipalityId: number | null;
  municipalityName: string | null;
  institution: string | null;
  member: boolean;
  chair: boolean;
  active: boolean;
}

export interface MatrixNomination {
  id: number;
  fullName: string;
  municipalityId: number;
  municipalityName: string;
  institution: string;
}

export interface MatrixFacts {
  jurors: MatrixJuror[];
  nominations: MatrixNomination[];
  assignments: Array<{ jurorId: number; nominationId: number }>;
  declared: Array<{ jurorId: number; nominationId: number; reason: string }>;
  scorecards: Array<{ id: number; jurorId: number; nominationId: number; status: 'draft' | 'submitted' }>;
  window: { status: CycleStatus; judgingStart: Date | null; judgingEnd: Date | null };
  /** how the panel gives out nominations; null when the category has no panel yet */
  panel: PanelMode | null;
}

export interface PanelMode {
  mode: 'all' | 'k';
  k: number | null;
}

export interface Cell {
  nominationId: number;
  state: CellState;
  /** an assignment exists (a conflicted pair may still hold one from before its juror's data changed) */
  assigned: boolean;
  scorecardId: number | null;
}

export interface ConflictLine {
  juror: MatrixJuror;
  nomination: MatrixNomination;
  kind: 'municipality' | 'institution' | 'declared';
  /** the municipality or institution they share, or the juror's own words for a recusal */
  reason: string;
}

export interface Progress {
  assigned: number;
  submitted: number;
  /** 0..1; 1 when nothing is assigned */
  completion: number;
}

export interface Matrix {
  rows: Array<{ juror: MatrixJuror; cells: Cell[]; progress: Progress }>;
  columns: Array<{ nomination: MatrixNomination; progress: Progress }>;
  conflicts: ConflictLine[];
  /** the share of the judging window already gone: where every juror should be by now */
  expected: number;
  behind: Array<{ juror: MatrixJuror; progress: Progress }>;
  panel: PanelMode | null;
}

/** Pairs by juror, then by nomination: the matrix looks up 50,000 cells, by number rather than by a built string key. */
function byJuror<P extends { jurorId: number; nominationId: number }, T>(pairs: P[], value: (p: P) => T): Map<number, Map<number, T>> {
  const out = new Map<number, Map<number, T>>();
  for (const p of pairs) {
    let mine = out.get(p.jurorId);
    if (!mine) out.set(p.jurorId, (mine = new Map()));
    mine.set(p.nominationId, value(p));
  }
  return out;
}
/** The states of a juror who can score the nomination: assigned, not recused, not in conflict. */
export const SCORING: readonly CellState[] = ['notStarted', 'draft', 'submitted'];

/** The share of the judging window already elapsed (0 before it starts or without dates, 1 after it ends). */
export function elapsedShare(w: MatrixFacts['window'], now: Date): number {
  if (['deliberation', 'approved', 'published', 'archived'].includes(w.status)) return 1;
  if (w.status !== 'judging' || !w.judgingEnd) return 0;
  if (now >= w.judgingEnd) return 1;
  if (!w.judgingStart || now <= w.judgingStart) return 0;
  return (now.getTime() - w.judgingStart.getTime()) / (w.judgingEnd.getTime() - w.judgingStart.getTime());
}

const progressOf = (cells: Array<{ state: CellState }>): Progress => {
  const assigned = cells.filter((c) => SCORING.includes(c.state)).length;
  const submitted = cells.filter((c) => c.state === 'submitted').length;
  return { assigned, submitted, completion: assigned ? submitted / assigned : 1 };
};

/**
 * Jurors × nominations of one category. Automatic conflicts are computed from the jurors' and nominees'
 * data as they are now (the same rule the planner uses), recusals come from the declared conflicts.
 * A juror is behind when their completion is below the share of the judging window already gone.
 */
export function buildMatrix(f: MatrixFacts, now: Date): Matrix {
  const assigned = byJuror(f.assignments, () => true);
  const declared = byJuror(f.declared, (d) => d.reason);
  const cards = byJuror(f.scorecards, (s) => s);
  const conflicts: ConflictLine[] = [];
  const rows = f.jurors.map((juror) => {
    const mine = { assigned: assigned.get(juror.id), declared: declared.get(juror.id), cards: cards.get(juror.id) };
    const cells = f.nominations.map((nomination): Cell => {
      const auto = automaticConflict(juror, nomination);
      const isAssigned = !!mine.assigned?.has(nomination.id);
      const card = isAssigned ? mine.cards?.get(nomination.id) : undefined;
      const reason = mine.declared?.get(nomination.id);
      let state: CellState;
      if (auto) {
        state = 'conflict';
        conflicts.push({ juror, nomination, kind: auto, reason: auto === 'municipality' ? nomination.municipalityName : nomination.institution });
      } else if (reason !== undefined) {
        state = 'recused';
        conflicts.push({ juror, nomination, kind: 'declared', reason });
      } else if (!isAssigned) state = 'none';
      else state = card ? card.status : 'notStarted';
      return { nominationId: nomination.id, state, assigned: isAssigned, scorecardId: card?.id ?? null };
    });
    return { juror, cells, progress: progressOf(cells) };
  });
  const columns = f.nominations.map((nomination, i) => ({ nomination, progress: progressOf(rows.map((r) => r.cells[i])) }));
  const expected = elapsedShare(f.window, now);
  const behind = rows.filter((r) => r.progress.assigned > 0 && r.progress.completion < expected).map(({ juror, progress }) => ({ juror, progress }));
  return { rows, columns, conflicts, expected, behind, panel: f.panel };
}

export interface MatrixFilter {
  jurorId?: number;
  state?: CellState;
  /** only the nominations that lack jurors or have no submitted scorecard yet (src/jury/coverage.ts) */
  gaps?: boolean;
}

/**
 * The matrix narrowed for the page: one juror's row, and/or only the rows and columns that hold a cell
 * in the given state (the other cells of those rows and columns stay visible for context), and/or only
 * the nominations with a gap. Linear in the cells.
 */
export function filterMatrix(matrix: Matrix, filter: MatrixFilter): Pick<Matrix, 'rows' | 'columns'> {
  let rows = filter.jurorId ? matrix.rows.filter((r) => r.juror.id === filter.jurorId) : matrix.rows;
  let keep = matrix.columns.map(() => true);
  if (filter.gaps) {
    const gaps = coverageGaps(matrix);
    const gapped = new Set([...gaps.lacking.map((l) => l.nomination.id), ...gaps.unscored.map((n) => n.id)]);
    keep = matrix.columns.map((c) => gapped.has(c.nomination.id));
  }
  if (filter.state) {
    const state = filter.state;
    rows = rows.filter((r) => r.cells.some((c, i) => keep[i] && c.state === state));
    keep = keep.map((k, i) => k && rows.some((r) => r.cells[i].state === state));
  }
  return {
    rows: rows.map((r) => ({ ...r, cells: r.cells.filter((_c, i) => keep[i]) })),
    columns: matrix.columns.filter((_c, i) => keep[i]),
  };
}
