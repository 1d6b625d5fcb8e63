import type { Locale, Translator } from '../web/i18n';
import { weightedTotal, type ResultOutput } from './engine';
import type { CategoryResults } from './category-results';
import { leniencyChart, rankIntervalChart, type ChartLayout } from './charts';

/** The category results page as a view model: formatted numbers, names instead of ids, sentences, charts. */

const formats = new Map<string, Intl.NumberFormat>();
export function formatFixed(value: number | null, digits: number, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const key = `${locale}:${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(value);
}

/** A small number as «3,1E-3» (ru) or «3.1E-3» (en). */
export function formatScientific(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { notation: 'scientific', maximumFractionDigits: 1 }).format(value);
}

/** How many nominations the score chart draws (the table lists all of them). */
export const CHART_ROWS = 40;

export interface RankingRowView {
  id: number;
  rank: number;
  fullName: string;
  municipality: string;
  scorecards: number;
  rawMean: string;
  score: string;
  spread: string;
  interval: string;
  pWinner: string;
  computedPlace: number | null;
  finalPlace: number | null;
  undecided: boolean;
  skipped: boolean;
  compareRank: number | null;
  compareScore: string | null;
  rankChanged: boolean;
}

export function categoryView(r: CategoryResults, output: ResultOutput, compare: ResultOutput | null, t: Translator, locale: Locale) {
  const num = (v: number | null, digits = 3) => formatFixed(v, digits, locale);
  const byKey = new Map(r.nominations.map((n) => [n.key, n]));
  const nameOf = (key: string) => byKey.get(key)?.fullName ?? key;
  const names = (keys: readonly string[]) => keys.map((k) => t('app.quoted', { text: nameOf(k) })).join(', ');
  const final = r.decision?.final ?? null;
  const computedPlace = new Map(output.winners.map((k, i) => [k, i + 1]));
  const finalPlace = new Map((final ?? []).map((id, i) => [String(id), i + 1]));
  const otherRank = new Map(compare?.ranking.map((e) => [e.nomination, e]) ?? []);
  const skipped = new Set(output.skipped.map((s) => s.nomination));
  const undecided = new Set(output.undecided);

  const rows: RankingRowView[] = output.ranking.map((e) => {
    const n = byKey.get(e.nomination);
    const other = otherRank.get(e.nomination);
    return {
      id: n?.id ?? Number(e.nomination),
      rank: e.rank,
      fullName: nameOf(e.nomination),
      municipality: n?.municipality ?? '',
      scorecards: e.scorecards,
      rawMean: num(e.rawMean),
      score: num(e.score),
      spread: num(e.spread, 2),
      interval: e.rankInterval ? (e.rankInterval[0] === e.rankInterval[1] ? String(e.rankInterval[0]) : `${e.rankInterval[0]}–${e.rankInterval[1]}`) : '—',
      pWinner: `${Math.round(e.pWinner * 100)} %`,
      computedPlace: computedPlace.get(e.nomination) ?? null,
      finalPlace: finalPlace.get(e.nomination) ?? null,
      undecided: undecided.has(e.nomination),
      skipped: skipped.has(e.nomination),
      compareRank: other?.rank ?? null,
      compareScore: other ? num(other.score) : null,
      rankChanged: !!other && other.rank !== e.rank,
    };
  });

  const jurorOf = new Map(r.jurors.map((j) => [j.label, j]));
  const jurors = output.jurors.map((j) => ({
    label: j.juror,
    fullName: jurorOf.get(j.juror)?.fullName ?? '',
    scorecards: j.scorecards,
    recused: j.recused,
    mean: num(j.mean, 2),
    sd: num(j.sd, 2),
    offset: num(j.offset, 2),
    centred: j.flag === 'centred',
  }));

  const top = [...r.criteria].reduce<(typeof r.criteria)[number] | null>((best, c) => (!best || c.weight > best.weight ? c : best), null);
  const ties = output.ties.map((tie) => t(`results.ties.${tie.rule}`, { names: names(tie.nominations), rank: tie.rank, criterion: top?.name ?? '' }));
  const skips = output.skipped.map((s) => t('results.skips.quota', { name: nameOf(s.nomination), municipality: byKey.get(s.nomination)?.municipality ?? '' }));

  return {
    rows,
    jurors,
    alpha: num(output.alpha),
    connected: output.connected,
    // outputs frozen before the fit was reported have no offsetFit: they say nothing
    fitWarning: output.offsetFit && !output.offsetFit.exact ? t('results.category.fitInexact', { residual: formatScientific(output.offsetFit.residual, locale) }) : null,
    ties,
    skips,
    charts: {
      ranks: rankChart(r, output, rows, t),
      leniency: leniency(r, output, t, locale),
    },
    chartClipped: rows.length > CHART_ROWS ? t('results.charts.clipped', { shown: CHART_ROWS, total: rows.length }) : null,
  };
}

/** Both layouts of each chart, one after the other: app.css shows the one that suits the screen. */
const LAYOUTS: ChartLayout[] = ['wide', 'narrow'];

function rankChart(r: CategoryResults, output: ResultOutput, rows: RankingRowView[], t: Translator): string {
  const scored = output.ranking.filter((e) => e.scorecards > 0);
  const byId = new Map(output.ranking.map((e) => [e.nomination, e]));
  const chartRows = rows.slice(0, CHART_ROWS).map((row) => ({
    label: row.fullName,
    rank: row.rank,
    interval: byId.get(String(row.id))?.rankInterval ?? null,
    score: row.score,
    // before a final list exists, the computed places are the proposal
    winner: r.decision?.final ? row.finalPlace !== null : row.computedPlace !== null,
  }));
  const options = { title: t('results.charts.ranksTitle'), axis: t('results.charts.ranksAxis'), ranks: Math.max(scored.length, 1), places: r.category.maxWinners };
  return LAYOUTS.map((layout) => rankIntervalChart(chartRows, options, layout)).join('');
}

function leniency(r: CategoryResults, output: ResultOutput, t: Translator, locale: Locale): string {
  const criteria = r.input.criteria;
  const weights = criteria.reduce((s, c) => s + c.weight, 0);
  const min = criteria.reduce((s, c) => s + c.weight * c.min, 0) / weights;
  const max = criteria.reduce((s, c) => s + c.weight * c.max, 0) / weights;
  const totals = r.input.scorecards.map((card) => weightedTotal(criteria, card.scores));
  const panelMean = totals.reduce((s, v) => s + v, 0) / (totals.length || 1);
  const panelSd = Math.sqrt(totals.reduce((s, v) => s + (v - panelMean) ** 2, 0) / (totals.length || 1));
  const jurorOf = new Map(r.jurors.map((j) => [j.label, j]));
  const rows = output.jurors
    .filter((j) => j.mean !== null)
    .map((j) => ({
      label: `${j.juror} ${jurorOf.get(j.juror)?.fullName ?? ''}`.trim(),
      mean: j.mean!,
      sd: j.sd ?? 0,
      value: `${formatFixed(j.mean, 2, locale)} ± ${formatFixed(j.sd, 2, locale)}`,
      flagged: j.flag === 'centred',
    }));
  const options = { title: t('results.charts.leniencyTitle'), axis: t('results.charts.leniencyAxis'), min: Math.floor(min), max: Math.ceil(max), panelMean, panelSd };
  return LAYOUTS.map((layout) => leniencyChart(rows, options, layout)).join('');
}
