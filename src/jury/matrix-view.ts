import type { Translator } from '../web/i18n';
import type { Cell as CsvCell } from '../web/spreadsheet';
import type { Matrix, MatrixFilter, MatrixJuror, Progress, Cell } from './matrix';
import { filterMatrix, SCORING } from './matrix';
import { handChangeProblem } from './hand-rules';
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
 * A cell as the page shows it: its label, and which of the two hand re-assignment buttons it offers.
 * «назначить» only where the server would accept it: an active panel member, and within k mode's limits.
 */
function cellView(matrix: Matrix, juror: MatrixJuror, c: Cell) {
  return {
    nominationId: c.nominationId,
    state: c.state,
    labelKey: `juryAdmin.matrix.state.${c.state}`,
    scorecardId: c.scorecardId,
    canAssign: c.state === 'none' && juror.member && juror.active && !handChangeProblem(matrix, { nominationId: c.nominationId, to: juror.id }),
    // A submitted scorecard keeps its assignment (unassignByHand refuses it too); a conflicted leftover can go.
    canUnassign: c.assigned && c.state !== 'submitted',
  };
}

/** The matrix page's view model, narrowed by the filter. */
export function matrixPageView(matrix: Matrix, filter: MatrixFilter) {
  const shown = filterMatrix(matrix, filter);
  return {
    columns: shown.columns.map((c) => ({
      id: c.nomination.id,
      shortName: shortName(c.nomination.fullName),
      fullName: c.nomination.fullName,
      municipalityName: c.nomination.municipalityName,
      progress: progressText(c.progress),
      percent: formatPercent(c.progress.completion),
    })),
    rows: shown.rows.map((r) => ({
      juror: r.juror,
      cells: r.cells.map((c) => cellView(matrix, r.juror, c)),
      progress: progressText(r.progress),
      percent: formatPercent(r.progress.completion),
    })),
    jurors: matrix.rows.map((r) => ({ id: r.juror.id, fullName: r.juror.fullName })),
    behind: matrix.behind.map((b) => ({ fullName: b.juror.fullName, progress: progressText(b.progress), percent: formatPercent(b.progress.completion) })),
    expected: formatPercent(matrix.expected),
    empty: !matrix.rows.length || !matrix.columns.length,
    gaps: gapsView(matrix),
    move: moveView(matrix),
  };
}

/** The nominations lacking jurors or scores, for the panel and matrix pages (the same list on both). */
export function gapsView(matrix: Matrix) {
  const gaps = coverageGaps(matrix);
  return {
    lacking: gaps.lacking.map((l) => ({ id: l.nomination.id, fullName: l.nomination.fullName, have: l.have, need: l.need })),
    unscored: gaps.unscored.map((n) => ({ id: n.id, fullName: n.fullName })),
    any: gaps.lacking.length + gaps.unscored.length > 0,
  };
}

/** The choices of the «move an assignment» form: whom to take it from (anyone scoring something), whom to give it to (active members). */
function moveView(matrix: Matrix) {
  const holders = matrix.rows.filter((r) => r.cells.some((c) => c.assigned && SCORING.includes(c.state)));
  return {
    nominations: matrix.columns.map((c) => ({ id: c.nomination.id, fullName: c.nomination.fullName })),
    from: holders.map((r) => ({ id: r.juror.id, fullName: r.juror.fullName })),
    to: matrix.rows.filter((r) => r.juror.member && r.juror.active).map((r) => ({ id: r.juror.id, fullName: r.juror.fullName })),
    possible: holders.length > 0 && matrix.rows.length > 1,
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
