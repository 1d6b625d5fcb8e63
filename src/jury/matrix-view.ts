import type { Translator } from '../web/i18n';
import type { Cell as CsvCell } from '../web/spreadsheet';
import type { Matrix, MatrixFilter, MatrixJuror, Progress, Cell } from './matrix';
import { filterMatrix } from './matrix';
import { assignProblemOf } from './hand-rules';
import { lastPage } from '../web/paging';
import { coverageGaps } from './coverage';
import { formatPercent } from './admin-pages';

/** «Тихонова Анна Сергеевна» → «Тихонова А. С.»: column headers of the matrix stay narrow. */
export function shortName(fullName: string): string {
  const [last, ...rest] = fullName.split(/\s+/).filter(Boolean);
  if (!last) return '';
  return [last, ...rest.map((p) => `${p[0]}.`)].join(' ');
}

const progressText = (p: Progress) => `${p.submitted} / ${p.assigned}`;

/**
 * How many nominations (columns) a page of the matrix shows: about 1,500 cells a page, so 100 jurors see 15
 * nominations at a time (a page stays under 300 KB even with a scorecard link and a button in every cell) and
 * one juror's row 50.
 */
export function columnsPerPage(rows: number): number {
  return Math.max(10, Math.min(50, Math.floor(1500 / Math.max(1, rows))));
}

/**
 * A cell as the page shows it: its label, and which of the two hand re-assignment buttons it offers.
 * «назначить» only where the server would accept it: an active panel member, and within k mode's limits.
 */
function cellView(assignProblem: ReturnType<typeof assignProblemOf>, juror: MatrixJuror, c: Cell) {
  return {
    nominationId: c.nominationId,
    state: c.state,
    labelKey: `juryAdmin.matrix.state.${c.state}`,
    scorecardId: c.scorecardId,
    canAssign: c.state === 'none' && juror.member && juror.active && !assignProblem(juror.id, c.nominationId),
    // A submitted scorecard keeps its assignment (unassignByHand refuses it too); a conflicted leftover can go.
    canUnassign: c.assigned && c.state !== 'submitted',
  };
}

/**
 * The matrix page's view model, narrowed by the filter, one page of nominations (columns) at a time:
 * every juror stays in view, the nominations come columnsPerPage() a page in the matrix's order. The
 * page number is clamped to the last page. Linear in the matrix's cells; the cells rendered are the page's.
 */
export function matrixPageView(matrix: Matrix, filter: MatrixFilter, page = 1) {
  const shown = filterMatrix(matrix, filter);
  const pageSize = columnsPerPage(shown.rows.length);
  const current = Math.min(Math.max(1, page), lastPage(shown.columns.length, pageSize));
  const from = (current - 1) * pageSize;
  const to = from + pageSize;
  const assignProblem = assignProblemOf(matrix);
  const columns = shown.columns.slice(from, to);
  return {
    page: current,
    pageSize,
    total: shown.columns.length,
    columns: columns.map((c) => ({
      id: c.nomination.id,
      shortName: shortName(c.nomination.fullName),
      fullName: c.nomination.fullName,
      municipalityName: c.nomination.municipalityName,
      progress: progressText(c.progress),
      percent: formatPercent(c.progress.completion),
    })),
    rows: shown.rows.map((r) => ({
      juror: r.juror,
      cells: r.cells.slice(from, to).map((c) => cellView(assignProblem, r.juror, c)),
      progress: progressText(r.progress),
      percent: formatPercent(r.progress.completion),
    })),
    jurors: matrix.rows.map((r) => ({ id: r.juror.id, fullName: r.juror.fullName })),
    behind: matrix.behind.map((b) => ({ fullName: b.juror.fullName, progress: progressText(b.progress), percent: formatPercent(b.progress.completion) })),
    expected: formatPercent(matrix.expected),
    empty: !matrix.rows.length || !matrix.columns.length,
    gaps: gapsView(matrix, GAPS_LISTED),
    move: moveView(matrix, new Set(columns.map((c) => c.nomination.id))),
  };
}

/** How many nominations of each gap list the matrix page names; the filter «только с пробелами» shows them all. */
export const GAPS_LISTED = 20;

/**
 * The nominations lacking jurors or scores, for the panel and matrix pages (the same list on both). With a
 * limit, each list names only its first `limit` nominations and says how many there are in all.
 */
export function gapsView(matrix: Matrix, limit = Infinity) {
  const gaps = coverageGaps(matrix);
  const more = (n: number) => (n > limit ? n : 0);
  return {
    lacking: gaps.lacking.slice(0, limit).map((l) => ({ id: l.nomination.id, fullName: l.nomination.fullName, have: l.have, need: l.need })),
    unscored: gaps.unscored.slice(0, limit).map((n) => ({ id: n.id, fullName: n.fullName })),
    lackingTotal: more(gaps.lacking.length),
    unscoredTotal: more(gaps.unscored.length),
    any: gaps.lacking.length + gaps.unscored.length > 0,
  };
}

/** An assignment that may still be moved: a submitted scorecard stays with its juror (moveByHand refuses it too). */
const movable = (c: Cell) => c.assigned && c.state !== 'submitted';

/**
 * The choices of the «move an assignment» form: the nominations of the page with an assignment that may still move,
 * whom to take one from, whom to give it to (active members). Nothing is preselected: a default of the
 * same juror in both lists would only be refused. Offered only while something can move.
 */
function moveView(matrix: Matrix, onPage: Set<number>) {
  const holders = matrix.rows.filter((r) => r.cells.some(movable));
  const columns = matrix.columns.filter((c, i) => onPage.has(c.nomination.id) && matrix.rows.some((r) => movable(r.cells[i])));
  const juror = (r: Matrix['rows'][number]) => ({ id: r.juror.id, fullName: r.juror.fullName, email: r.juror.email ?? '' });
  const to = matrix.rows.filter((r) => r.juror.member && r.juror.active).map(juror);
  return {
    nominations: columns.map((c) => ({ id: c.nomination.id, fullName: c.nomination.fullName })),
    from: holders.map(juror),
    to,
    possible: columns.length > 0 && holders.length > 0 && to.some((t) => holders.some((h) => h.juror.id !== t.id)),
  };
}

/** The whole matrix (never filtered) as a table for CSV: states in words, completion per juror and per nomination. */
export function matrixTable(matrix: Matrix, t: Translator): { header: string[]; rows: CsvCell[][] } {
  const header = [
    t('juryAdmin.csv.juror'),
    t('juryAdmin.csv.municipality'),
    t('juryAdmin.csv.institution'),
    ...matrix.columns.map((c) => t('juryAdmin.csv.nomination', { id: c.nomination.id, name: c.nomination.fullName })),
    t('juryAdmin.csv.submitted'),
    t('juryAdmin.csv.assigned'),
  ];
  const rows: CsvCell[][] = matrix.rows.map((r) => [
    r.juror.fullName,
    r.juror.municipalityName ?? '',
    r.juror.institution ?? '',
    ...r.cells.map((c) => t(`juryAdmin.matrix.state.${c.state}`)),
    r.progress.submitted,
    r.progress.assigned,
  ]);
  rows.push([t('juryAdmin.csv.perNomination'), '', '', ...matrix.columns.map((c) => progressText(c.progress)), '', '']);
  return { header, rows };
}
