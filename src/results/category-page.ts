import type { Request, Response } from 'express';
import { phaseKeys } from '../cycles/phases';
import type { EntityManager } from 'typeorm';
import { notFound } from '../web/http-error';
import { parseId, type FieldErrors } from '../web/forms';
import { getCycle } from '../cycles/cycles-query';
import { METHODS } from './engine';
import { isMethod } from './engine-input';
import { categoryResults, type CategoryResults } from './category-results';
import { computeCached, withMethod } from './computed';
import { categoryView } from './category-view';
import { namesOf, stateOf } from './cycle-view';
import { resultsAvailable } from './cycle-lock';
import { unscoredIn } from './unscored';

/** The ranking table lists this many nominations unless asked for all (a category may hold thousands). */
const TABLE_ROWS = 200;
const OPTIONS_MIN = 50;

/** What the deliberation forms of the page hold after a refused POST: the admin's input and the messages. */
export interface DeliberationForm {
  places?: Array<number | null>;
  reason?: string;
  errors?: FieldErrors;
  resetReason?: string;
  resetError?: string;
}

export async function categoryResultsOr404(m: EntityManager, raw: unknown): Promise<CategoryResults> {
  const id = parseId(raw);
  const results = id ? await categoryResults(m, id) : null;
  if (!results) throw notFound();
  return results;
}

async function userNames(m: EntityManager, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows: Array<{ id: number; full_name: string }> = await m.query(`SELECT id, full_name FROM app_user WHERE id = ANY($1)`, [ids]);
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/** The results page of a category: ranking, jurors, α, ties and skips, the two charts, and deliberation. */
export async function renderCategoryPage(m: EntityManager, req: Request, res: Response, status: number, r: CategoryResults, form: DeliberationForm = {}): Promise<void> {
  const cycle = (await getCycle(m, r.category.cycleId))!;
  const base = { title: req.t('results.category.title', { category: r.category.name }), cycle, category: r.category, statusKey: phaseKeys(cycle.kind, cycle.status).label };
  const available = resultsAvailable(cycle);
  if (!available || !r.computed || !r.computed.ok) {
    res.status(status).render('admin/results/category', {
      ...base,
      notYet: !available,
      empty: available && !r.computed,
      problems: r.computed && !r.computed.ok ? r.computed.problems : [],
    });
    return;
  }
  const output = r.computed.output;
  const compareWith = typeof req.query.compare === 'string' && isMethod(req.query.compare) && req.query.compare !== output.method ? req.query.compare : null;
  const other = compareWith ? computeCached(withMethod(r.input, compareWith)) : null;
  const compare = other?.ok ? other.output : null;
  const view = categoryView(r, output, compare, req.t, req.locale);
  const decision = r.decision!;
  const deciding = cycle.status === 'deliberation';
  const chosen = form.places ?? decision.final ?? [...decision.computed];
  // A place goes to one of the leading nominations (or one already chosen): a select of 10,000 options helps nobody.
  const leading = Math.max(OPTIONS_MIN, r.category.maxWinners * 5);
  const candidates = view.rows.filter((row, i) => row.scorecards > 0 && (i < leading || row.undecided || chosen.includes(row.id)));
  const showAll = req.query.all === '1' || view.rows.length <= TABLE_ROWS;
  const places = Array.from({ length: r.category.maxWinners }, (_, i) => ({
    place: i + 1,
    field: `place${i + 1}`,
    error: form.errors?.[`place${i + 1}`],
    options: candidates.map((c) => ({ id: c.id, label: `${c.rank}. ${c.fullName} (${c.municipality})`, selected: chosen[i] === c.id })),
  }));
  const people = await userNames(m, [...new Set(r.overrides.map((o) => o.byId))]);
  res.status(status).render('admin/results/category', {
    ...base,
    ready: true,
    view,
    rows: showAll ? view.rows : view.rows.slice(0, TABLE_ROWS),
    hiddenRows: showAll ? 0 : view.rows.length - TABLE_ROWS,
    allHref: `?all=1${compareWith ? `&compare=${compareWith}` : ''}#ranking`,
    method: output.method,
    methodKey: `results.methods.${output.method}`,
    methodShortKey: `results.methodShort.${output.method}`,
    compareKey: compareWith ? `results.methods.${compareWith}` : null,
    compareShortKey: compareWith ? `results.methodShort.${compareWith}` : null,
    compareProblem: other && !other.ok,
    compareLinks: METHODS.filter((m2) => m2 !== output.method).map((m2) => ({ href: `?compare=${m2}${req.query.all === '1' ? '&all=1' : ''}`, labelKey: `results.methods.${m2}`, current: m2 === compareWith })),
    stateKey: `results.state.${stateOf(r)}`,
    proposal: namesOf(r, decision.computed).map((name, i) => ({ place: i + 1, name })),
    undecided: namesOf(r, decision.undecided),
    final: decision.final ? namesOf(r, decision.final).map((name, i) => ({ place: i + 1, name })) : null,
    overridden: !!decision.override,
    overrides: [...r.overrides].reverse().map((o) => ({ at: o.at, by: people.get(o.byId) ?? String(o.byId), reason: o.reason, winners: namesOf(r, o.winners).join(', ') })),
    deciding,
    // a programme's ranking chooses no winners: its places are allocated from it (src/programmes)
    showDeliberation: cycle.kind !== 'programme',
    places,
    form: { reason: form.reason ?? '', errors: form.errors ?? {}, resetReason: form.resetReason ?? '', resetError: form.resetError },
    snapshot: r.snapshot ? { hash: r.snapshot.inputHash, approvedAt: r.snapshot.approvedAt } : null,
    unscored: unscoredIn(r),
  });
}
