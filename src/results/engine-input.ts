import type { EntityManager } from 'typeorm';
import type { Method, ResultInput, ScorecardInput } from './engine';
import { automaticConflict, type JurorProfile } from '../jury/conflict-rules';
import { statusIn } from '../nominations/statuses';

/**
 * The results engine's input for one category, read from the database in one query per table (never one per
 * nomination): criteria, the nominations judged (accepted, or already placed by an approval), every submitted
 * scorecard with its integer scores, and the recusals. A scorecard of a juror who recused from the nomination
 * (a declared conflict) is left out: a recused juror's scores never count. So is one of a juror in an
 * automatic conflict with the nomination by the data as it is now (the same municipality or institution,
 * src/jury/conflict-rules.ts): the planner never assigns such a pair, but a juror's or nominee's municipality or
 * institution may have changed after the scoring. Such a pair is listed among the recusals, so the input says
 * why the card is missing and the juror's "recused" count includes it.
 *
 * The input is always anonymised: jurors are J1, J2, … numbered by juror id among the jurors of this category,
 * so the very input the admin computes and approval freezes is the one a public export hands out (same bytes,
 * same hash, same bootstrap seed). Nominations keep their ids (as strings): the winners are public anyway.
 * `jurors` maps the labels back to people, for the admin's eyes only.
 */


export interface CategoryOfResults {
  id: number;
  cycleId: number;
  name: string;
  maxWinners: number;
  quotaPerMunicipality: number | null;
}

export interface NomineeOfResults {
  id: number;
  /** the id as the engine knows it */
  key: string;
  fullName: string;
  position: string;
  institution: string;
  municipality: string;
  municipalityId: number;
  status: string;
  place: number | null;
}

export interface JurorOfResults {
  label: string;
  id: number;
  fullName: string;
}

export interface CriterionOfResults {
  id: number;
  name: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
}

export interface CategoryInput {
  category: CategoryOfResults;
  criteria: CriterionOfResults[];
  input: ResultInput;
  nominations: NomineeOfResults[];
  jurors: JurorOfResults[];
}

export const isMethod = (value: unknown): value is Method => value === 'zscore' || value === 'raw' || value === 'offset' || value === 'trimmed';


/** The engine input of one category (null when the category does not exist). */
export async function buildCategoryInput(m: EntityManager, categoryId: number): Promise<CategoryInput | null> {
  const [head]: Array<CategoryOfResults & { method: string }> = await m.query(
    `SELECT k.id, k.cycle_id AS "cycleId", k.name, k.max_winners AS "maxWinners", k.quota_per_municipality AS "quotaPerMunicipality", c.results_method AS method
       FROM category k JOIN cycle c ON c.id = k.cycle_id WHERE k.id = $1`,
    [categoryId],
  );
  if (!head) return null;
  const { method, ...category } = head;

  const criteria: CriterionOfResults[] = await m.query(
    `SELECT id, name, weight, scale_min AS "scaleMin", scale_max AS "scaleMax" FROM criterion WHERE category_id = $1 ORDER BY sort_order, id`,
    [categoryId],
  );
  const nominations: NomineeOfResults[] = await m.query(
    `SELECT n.id, n.id::text AS key, concat_ws(' ', nullif(ne.last_name, ''), nullif(ne.first_name, ''), nullif(ne.patronymic, '')) AS "fullName",
            ne.position, ne.institution, mu.name AS municipality, n.municipality_id AS "municipalityId", n.status, n.place
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN municipality mu ON mu.id = n.municipality_id
      WHERE n.category_id = $1 AND ${statusIn('judged')} ORDER BY n.id`,
    [categoryId],
  );
  // One row per score, ordered so that the rows of a scorecard are consecutive.
  const scores: Array<{ juror_id: number; nomination_id: number; criterion_id: number; value: number }> = await m.query(
    `SELECT s.juror_id, s.nomination_id, v.criterion_id, v.value
       FROM scorecard s JOIN nomination n ON n.id = s.nomination_id JOIN score v ON v.scorecard_id = s.id
      WHERE n.category_id = $1 AND ${statusIn('judged')} AND s.status = 'submitted'
        AND NOT EXISTS (SELECT 1 FROM conflict x WHERE x.juror_id = s.juror_id AND x.nomination_id = s.nomination_id AND x.kind = 'declared')
      ORDER BY s.juror_id, s.nomination_id, v.criterion_id`,
    [categoryId],
  );
  const recusals: Array<{ juror_id: number; nomination_id: number }> = await m.query(
    `SELECT x.juror_id, x.nomination_id FROM conflict x JOIN nomination n ON n.id = x.nomination_id
      WHERE n.category_id = $1 AND ${statusIn('judged')} AND x.kind = 'declared' ORDER BY x.juror_id, x.nomination_id`,
    [categoryId],
  );

  const jurorIds = [...new Set([...scores.map((s) => s.juror_id), ...recusals.map((r) => r.juror_id)])].sort((a, b) => a - b);
  const people: Array<JurorProfile & { fullName: string }> = jurorIds.length
    ? await m.query(`SELECT id, full_name AS "fullName", municipality_id AS "municipalityId", institution FROM app_user WHERE id = ANY($1)`, [jurorIds])
    : [];
  const personOf = new Map(people.map((p) => [p.id, p]));
  const jurors = jurorIds.map((id, i) => ({ label: `J${i + 1}`, id, fullName: personOf.get(id)?.fullName ?? '' }));
  const labelOf = new Map(jurors.map((j) => [j.id, j.label]));

  // Automatic conflicts by today's data: one check per scorecard (its rows are consecutive).
  const nominationOf = new Map(nominations.map((n) => [n.id, n]));
  const pairOf = (row: { juror_id: number; nomination_id: number }) => `${row.juror_id}:${row.nomination_id}`;
  const conflicted = new Set<string>();
  let previous = '';
  for (const row of scores) {
    const pair = pairOf(row);
    if (pair === previous) continue;
    previous = pair;
    const person = personOf.get(row.juror_id);
    const nomination = nominationOf.get(row.nomination_id);
    if (!person || !nomination || !automaticConflict(person, nomination)) continue;
    conflicted.add(pair);
    recusals.push({ juror_id: row.juror_id, nomination_id: row.nomination_id });
  }
  recusals.sort((a, b) => a.juror_id - b.juror_id || a.nomination_id - b.nomination_id);

  const scorecards: ScorecardInput[] = [];
  let card: ScorecardInput | undefined;
  for (const row of scores) {
    if (conflicted.has(pairOf(row))) continue;
    const juror = labelOf.get(row.juror_id)!;
    const nomination = String(row.nomination_id);
    if (!card || card.juror !== juror || card.nomination !== nomination) scorecards.push((card = { juror, nomination, scores: {} }));
    card.scores[String(row.criterion_id)] = row.value;
  }

  const input: ResultInput = {
    method: isMethod(method) ? method : 'zscore',
    winners: category.maxWinners,
    quotaPerMunicipality: category.quotaPerMunicipality,
    criteria: criteria.map((c) => ({ id: String(c.id), weight: c.weight, min: c.scaleMin, max: c.scaleMax })),
    nominations: nominations.map((n) => ({ id: n.key, municipality: n.municipality })),
    scorecards,
    recusals: recusals.map((r) => ({ juror: labelOf.get(r.juror_id)!, nomination: String(r.nomination_id) })),
  };
  return { category, criteria, input, nominations, jurors };
}

/** The ids of a cycle's categories in the order of its pages. */
export async function categoryIdsOf(m: EntityManager, cycleId: number): Promise<number[]> {
  const rows: Array<{ id: number }> = await m.query(`SELECT id FROM category WHERE cycle_id = $1 ORDER BY sort_order, id`, [cycleId]);
  return rows.map((r) => r.id);
}
