import type { DataSource } from 'typeorm';
import { createJudgingScene } from '../support/jury-fixtures';
import { weightedTotal } from '../../src/results/engine';
import { Category } from '../../src/cycles/category.entity';
import { Nominee } from '../../src/nominations/nominee.entity';
import { PUBLIC_FIELDS, PUBLIC_FIELD_COLUMNS, type PublicField } from '../../src/consent/public-fields';

/**
 * A cycle whose judging is over, for the results tests: the jury fixture's category (criteria 0.5/0.3/0.2 on
 * 1–10, the three demo jurors), accepted nominations from the given municipalities, and scorecards written
 * straight into the tables as jurors would have submitted them. `cards` are [juror index, nomination index,
 * the three criterion values]; `recused` pairs get a declared conflict; `drafts` stay unsubmitted. Every nominee
 * consented to the publication of `publicationConsent` (all four fields unless said; [] for no consent).
 */
export interface ResultsSceneOptions {
  municipalities: string[];
  lastNames?: string[];
  cards: Array<[number, number, [number, number, number]]>;
  recused?: Array<[number, number]>;
  drafts?: Array<[number, number, [number, number, number]]>;
  maxWinners?: number;
  quota?: number | null;
  status?: 'judging' | 'deliberation';
  publicationConsent?: readonly PublicField[];
}

export async function createResultsScene(ds: DataSource, o: ResultsSceneOptions) {
  const scene = await createJudgingScene(ds, { municipalities: o.municipalities });
  const { cycle, category, criteria, jurors, nominations } = scene;
  await ds.getRepository(Category).update(category.id, { maxWinners: o.maxWinners ?? 1, quotaPerMunicipality: o.quota ?? null });
  for (const [i, lastName] of (o.lastNames ?? []).entries()) {
    await ds.getRepository(Nominee).update(nominations[i].nomineeId, { lastName });
  }
  const engineCriteria = criteria.map((c) => ({ id: String(c.id), weight: c.weight, min: c.scaleMin, max: c.scaleMax }));
  const write = async (juror: number, nomination: number, values: [number, number, number], submitted: boolean) => {
    const scores = Object.fromEntries(criteria.map((c, k) => [String(c.id), values[k]]));
    const [card] = await ds.query(
      `INSERT INTO scorecard (juror_id, nomination_id, status, weighted_total, submitted_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [jurors[juror], nominations[nomination].id, submitted ? 'submitted' : 'draft', submitted ? weightedTotal(engineCriteria, scores) : null, submitted ? new Date() : null],
    );
    for (const [k, c] of criteria.entries()) await ds.query(`INSERT INTO score (scorecard_id, criterion_id, value) VALUES ($1, $2, $3)`, [card.id, c.id, values[k]]);
  };
  for (const [j, n, values] of o.cards) await write(j, n, values, true);
  for (const [j, n, values] of o.drafts ?? []) await write(j, n, values, false);
  for (const [j, n] of o.recused ?? []) {
    await ds.query(`INSERT INTO conflict (juror_id, nomination_id, kind, reason) VALUES ($1, $2, 'declared', 'работали вместе')`, [jurors[j], nominations[n].id]);
  }
  const consented = o.publicationConsent ?? PUBLIC_FIELDS;
  if (consented.length) {
    // straight into the table, as the rest of the scene: no audit entry of its own to disturb the tests' lists
    await ds.query(
      `INSERT INTO publication_consent (nomination_id, ${PUBLIC_FIELDS.map((f) => PUBLIC_FIELD_COLUMNS[f]).join(', ')})
       SELECT id, ${PUBLIC_FIELDS.map((f) => String(consented.includes(f))).join(', ')} FROM unnest($1::int[]) AS id`,
      [nominations.map((n) => n.id)],
    );
  }
  const status = o.status ?? 'deliberation';
  await ds.query(`UPDATE cycle SET status = $2 WHERE id = $1`, [cycle.id, status]);
  return { ...scene, ids: nominations.map((n) => n.id) };
}

/**
 * Jurors who disagree in leniency: J1 (lenient) scores nominations 0–2, J2 (harsh) scores 1–3. The raw mean
 * ranks 0, 1, 2, 3; the z-score corrects for strictness and ranks 3, 1, 0, 2.
 */
export const LENIENCY_CARDS: ResultsSceneOptions['cards'] = [
  [0, 0, [9, 9, 9]], [0, 1, [10, 10, 10]], [0, 2, [8, 8, 8]],
  [1, 1, [4, 4, 4]], [1, 2, [3, 3, 3]], [1, 3, [5, 5, 5]],
];

/** Nominations 0 and 1 scored identically by both jurors: a tie no rule can break. */
export const TIED_CARDS: ResultsSceneOptions['cards'] = [
  [0, 0, [8, 8, 8]], [0, 1, [8, 8, 8]], [0, 2, [5, 5, 5]],
  [1, 0, [7, 7, 7]], [1, 1, [7, 7, 7]], [1, 2, [4, 4, 4]],
];

export const adminOf = async (ds: DataSource) => (await ds.query(`SELECT id FROM app_user WHERE email = 'admin@example.org'`))[0].id as number;
