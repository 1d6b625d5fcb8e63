import type { EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Category } from '../cycles/category.entity';
import { Nominee } from '../nominations/nominee.entity';
import { Nomination } from '../nominations/nomination.entity';
import { Criterion } from '../jury/criterion.entity';
import { Panel, PanelMember } from '../jury/panel.entity';
import { runAssignment } from '../jury/assignments';
import { recuse } from '../jury/recusal';
import { weightedTotal } from '../results/engine';
import { moveCyclePhase } from '../cycles/cycle-phase';
import { approveResults } from '../results/approval';
import { publishResults } from '../results/publication';
import { recordAudit } from '../audit/record';
import { PAST_CATEGORIES, PAST_MOTIVATION, PAST_NOMINEES } from './results-demo-data';
import { targetOf } from '../nominations/statuses';
import { seedHistory } from './history';
import { seedConsents } from './consents-demo';

const DAY = 24 * 3600 * 1000;
const at = (iso: string) => new Date(`${iso}T09:00:00+03:00`);

/** The calendar of the 2025 congress: the results were approved in late May and published at the congress. */
const DATES = {
  nominationsStart: at('2025-02-03'), nominationsEnd: at('2025-03-14'),
  screeningStart: at('2025-03-14'), screeningEnd: at('2025-04-01'),
  judgingStart: at('2025-04-01'), judgingEnd: at('2025-05-15'),
  deliberationStart: at('2025-05-15'), deliberationEnd: at('2025-05-30'),
};
const APPROVED = at('2025-05-28');
const PUBLISHED = at('2025-06-02');

/**
 * Jurors differ as real ones do: juror@ is lenient and uses a narrow band, juror2@ is strict, juror3@ uses
 * the whole scale. Each juror sits out the nominations of their own municipality and institution (the
 * automatic conflicts), so nominations are scored by different pairs and triples of jurors — which is where
 * the raw mean and the z-score disagree (visible in the compare view).
 */
const LENIENCY = [1.2, -1.3, 0];
const SPREAD = [0.8, 1.0, 1.5];

/** A juror's score on one criterion: the nomination's quality, the juror's habits, a little deterministic noise. */
export function pastScore(c: Pick<Criterion, 'scaleMin' | 'scaleMax'>, quality: number, nominee: number, criterion: number, juror: number): number {
  const wiggle = (((nominee * 7 + criterion * 3 + juror * 5) % 5) - 2) * 0.15;
  const bias = (((nominee + criterion) % 3) - 1) * 0.2;
  const tenPoint = Math.min(10, Math.max(1, 5.5 + (quality - 5.5) * SPREAD[juror] + LENIENCY[juror] + wiggle + bias));
  const value = c.scaleMin + ((tenPoint - 1) / 9) * (c.scaleMax - c.scaleMin);
  return Math.min(c.scaleMax, Math.max(c.scaleMin, Math.round(value)));
}

/**
 * «Педиатрия как искусство — 2025»: a past cycle taken through the real path — nominations accepted, the panel
 * assigned, jurors confirming, one recusing and the others submitting scorecards, judging closed, the results approved and
 * published with the app's own domain functions (so the winners' diplomas are issued too), and /winners shows
 * a real list on the first start.
 */
export async function seedPublishedDemo(m: EntityManager, regionId: number): Promise<Cycle> {
  const cycle = await m.save(m.create(Cycle, {
    regionId, name: 'Педиатрия как искусство — 2025', slug: 'pediatrics-as-art-2025', code: 'PAA', year: 2025,
    description: 'Премии конгресса «Педиатрия как искусство» 2025 года: клиническое мастерство, общение с детьми и родителями, наставничество.',
    status: 'judging', resultsMethod: 'zscore', publicScores: true, ...DATES,
  }));
  const adminId: number = (await m.query(`SELECT id FROM app_user WHERE role = 'admin' ORDER BY id LIMIT 1`))[0].id;
  const jurorIds: number[] = (await m.query(
    `SELECT id FROM app_user WHERE email IN ('juror@example.org', 'juror2@example.org', 'juror3@example.org') ORDER BY array_position(ARRAY['juror@example.org', 'juror2@example.org', 'juror3@example.org'], email)`,
  )).map((r: { id: number }) => r.id);
  const categories: Category[] = [];
  for (const [i, c] of PAST_CATEGORIES.entries()) {
    const category = await m.save(m.create(Category, { cycleId: cycle.id, name: c.name, description: c.description, maxWinners: c.maxWinners, quotaPerMunicipality: c.quota, minYearsPractice: 5, sortOrder: i }));
    await m.insert(Criterion, c.criteria.map((x, sortOrder) => ({ ...x, categoryId: category.id, sortOrder })));
    const panel = await m.save(m.create(Panel, { categoryId: category.id, chairId: jurorIds[i % jurorIds.length], assignmentMode: 'all', jurorsPerNomination: null }));
    await m.insert(PanelMember, jurorIds.map((jurorId) => ({ panelId: panel.id, jurorId })));
    categories.push(category);
  }
  const quality = await seedNominations(m, cycle, categories, adminId);
  for (const category of categories) await runAssignment(m, adminId, category.id);
  await seedScorecards(m, categories, jurorIds, quality);

  await moveCyclePhase(m, cycle.id, 'deliberation', await versionOf(m, cycle.id), adminId, DATES.deliberationStart);
  // some demo winners have no publication consent on purpose (the public pages show the masking): knowingly approved
  const approved = await approveResults(m, cycle.id, await versionOf(m, cycle.id), adminId, APPROVED, { consent: true });
  if (!approved.ok) throw new Error(`demo results could not be approved: ${JSON.stringify(approved)}`);
  const published = await publishResults(m, cycle.id, await versionOf(m, cycle.id), adminId, PUBLISHED);
  if (!published.ok) throw new Error(`demo results could not be published: ${JSON.stringify(published)}`);
  return cycle;
}

async function versionOf(m: EntityManager, cycleId: number): Promise<number> {
  return (await m.query(`SELECT version FROM cycle WHERE id = $1`, [cycleId]))[0].version;
}

type Strength = Map<number, { quality: number; index: number }>;

/** Accepted nominations; returns each nomination's quality (and its place in the data) by id. */
async function seedNominations(m: EntityManager, cycle: Cycle, categories: Category[], adminId: number): Promise<Strength> {
  const municipalities = new Map<string, number>((await m.query(`SELECT id, name FROM municipality`)).map((r: { id: number; name: string }) => [r.name, r.id]));
  const officers = new Map<number, number>((await m.query(`SELECT id, municipality_id FROM app_user WHERE role = 'officer'`)).map((r: { id: number; municipality_id: number }) => [r.municipality_id, r.id]));
  const quality: Strength = new Map();
  for (const [i, n] of PAST_NOMINEES.entries()) {
    const municipalityId = municipalities.get(n.municipality)!;
    const authorId = officers.get(municipalityId) ?? adminId;
    const nominee = await m.save(m.create(Nominee, { ...n.person, municipalityId, phone: '+7 495 000-00-00', email: `paa2025-${i + 1}@example.org` }));
    const nomination = await m.save(m.create(Nomination, {
      cycleId: cycle.id, categoryId: categories[n.category].id, nomineeId: nominee.id, municipalityId, authorId,
      achievements: n.achievements, motivation: PAST_MOTIVATION, status: targetOf('accept'),
      submittedAt: new Date(DATES.nominationsStart.getTime() + (i + 3) * DAY), decidedAt: new Date(DATES.screeningStart.getTime() + 7 * DAY),
    }));
    quality.set(nomination.id, { quality: n.quality, index: i });
    await seedConsents(m, { nominationId: nomination.id, authorId, lastName: n.person.lastName });
    await seedHistory(m, nomination, { officerId: authorId, adminId });
  }
  return quality;
}

/**
 * Every juror scores every nomination assigned to them; juror3@ recuses from one, as happens. The recusal goes
 * through the jury's own function; the scorecards are written in bulk (two statements per category, not a dozen
 * per scorecard) so that the first start stays quick, with the weighted total from the one function that computes
 * it, and an audit event per scorecard as a juror's submission leaves.
 */
async function seedScorecards(m: EntityManager, categories: Category[], jurorIds: number[], strength: Strength): Promise<void> {
  let minute = 0;
  const when = () => new Date(DATES.judgingStart.getTime() + 3 * DAY + (minute++) * 17 * 60_000);
  const [jurorWithRecusal] = jurorIds.slice(2);
  for (const category of categories) {
    const criteria = await m.find(Criterion, { where: { categoryId: category.id }, order: { sortOrder: 'ASC' } });
    const engineCriteria = criteria.map((c) => ({ id: String(c.id), weight: c.weight, min: c.scaleMin, max: c.scaleMax }));
    if (category.sortOrder === 1) {
      const [first] = await m.query(`SELECT a.nomination_id AS id FROM assignment a JOIN nomination n ON n.id = a.nomination_id WHERE a.juror_id = $1 AND n.category_id = $2 ORDER BY a.nomination_id LIMIT 1`, [jurorWithRecusal, category.id]);
      await recuse(m, jurorWithRecusal, first.id, 'Номинант — мой бывший ординатор, мы работали в одном отделении.', when());
    }
    const assigned: Array<{ juror_id: number; nomination_id: number }> = await m.query(
      `SELECT a.juror_id, a.nomination_id FROM assignment a JOIN nomination n ON n.id = a.nomination_id WHERE n.category_id = $1 ORDER BY a.juror_id, a.nomination_id`,
      [category.id],
    );
    const cards = assigned.map((a) => {
      const { quality, index } = strength.get(a.nomination_id)!;
      const values = criteria.map((c, ci) => pastScore(c, quality, index, ci, jurorIds.indexOf(a.juror_id)));
      const total = weightedTotal(engineCriteria, Object.fromEntries(values.map((v, ci) => [String(criteria[ci].id), v])));
      return { ...a, values, total, at: when() };
    });
    await m.query(`UPDATE assignment SET confirmed_no_conflict_at = $2 FROM nomination n WHERE n.id = assignment.nomination_id AND n.category_id = $1`, [category.id, DATES.judgingStart]);
    const inserted: Array<{ id: number; juror_id: number; nomination_id: number }> = await m.query(
      `INSERT INTO scorecard (juror_id, nomination_id, status, comment, weighted_total, submitted_at)
       SELECT j, n, 'submitted', 'Заявка подкреплена документами.', t, s FROM unnest($1::int[], $2::int[], $3::float8[], $4::timestamptz[]) AS u(j, n, t, s)
       RETURNING id, juror_id, nomination_id`,
      [cards.map((c) => c.juror_id), cards.map((c) => c.nomination_id), cards.map((c) => c.total), cards.map((c) => c.at)],
    );
    const idOf = new Map(inserted.map((r) => [`${r.juror_id}:${r.nomination_id}`, r.id]));
    const ids = cards.map((c) => ({ id: idOf.get(`${c.juror_id}:${c.nomination_id}`)! }));
    const scores = cards.flatMap((c, k) => c.values.map((value, ci) => [ids[k].id, criteria[ci].id, value]));
    await m.query(`INSERT INTO score (scorecard_id, criterion_id, value) SELECT * FROM unnest($1::int[], $2::int[], $3::int[])`, [0, 1, 2].map((col) => scores.map((row) => row[col])));
    for (const [k, c] of cards.entries()) {
      await recordAudit(m, { actorId: c.juror_id, entity: 'scorecard', entityId: ids[k].id, cycleId: category.cycleId, action: 'scorecard.submitted', from: 'draft', to: 'submitted', data: { nominationId: c.nomination_id } });
    }
  }
}
