import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Category } from '../cycles/category.entity';
import { Nominee } from '../nominations/nominee.entity';
import { Nomination } from '../nominations/nomination.entity';
import { insertDocument } from '../nominations/document-store';
import { Criterion } from '../jury/criterion.entity';
import { Panel, PanelMember } from '../jury/panel.entity';
import { runAssignment } from '../jury/assignments';
import { confirmNoConflict, recuse } from '../jury/recusal';
import { saveScorecard } from '../jury/scorecards';
import { recordAudit } from '../audit/record';
import { demoLetterPdf } from './documents';
import { JUDGING_CATEGORIES, JUDGING_MOTIVATION, JUDGING_NOMINEES } from './judging-data';
import { targetOf } from '../nominations/statuses';
import { seedHistory } from './history';
import { seedConsents } from './consents-demo';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

/**
 * «Педиатрия как искусство — конгресс 2026» in its judging phase (open for 30 more days from the seed):
 * two categories with criteria and rubrics, eight accepted nominations each, panels of the three demo
 * jurors (everyone scores everything in one, two jurors per nomination in the other), and scorecards
 * partly filled — submitted, drafts, a changed score, a recusal — with several nominations of
 * juror@example.org left unscored, so a visitor signed in as that juror can score at once.
 */
export async function seedJudgingDemo(m: EntityManager, regionId: number, now = new Date()): Promise<Cycle> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const cycle = await m.save(m.create(Cycle, {
    regionId, name: 'Педиатрия как искусство — конгресс 2026', slug: 'pediatrics-as-art-2026', code: 'PAA', year: 2026,
    description: 'Премии конгресса «Педиатрия как искусство» за клиническое мастерство и искусство общения с детьми и родителями.',
    status: 'judging',
    nominationsStart: ago(60), nominationsEnd: ago(45), screeningStart: ago(45), screeningEnd: ago(10),
    judgingStart: ago(10), judgingEnd: ago(-30), deliberationStart: ago(-30), deliberationEnd: ago(-44),
  }));
  const adminId: number = (await m.query(`SELECT id FROM app_user WHERE role = 'admin' ORDER BY id LIMIT 1`))[0].id;
  const jurorIds: number[] = (await m.query(
    `SELECT id FROM app_user WHERE email IN ('juror@example.org', 'juror2@example.org', 'juror3@example.org') ORDER BY array_position(ARRAY['juror@example.org', 'juror2@example.org', 'juror3@example.org'], email)`,
  )).map((r: { id: number }) => r.id);
  const categories: Category[] = [];
  for (const [i, c] of JUDGING_CATEGORIES.entries()) {
    const category = await m.save(m.create(Category, { cycleId: cycle.id, name: c.name, description: c.description, maxWinners: 1, quotaPerMunicipality: 2, minYearsPractice: 5, requiredDocuments: ['recommendation'], sortOrder: i }));
    await m.insert(Criterion, c.criteria.map((x, sortOrder) => ({ ...x, categoryId: category.id, sortOrder })));
    const panel = await m.save(m.create(Panel, { categoryId: category.id, chairId: jurorIds[i % jurorIds.length], assignmentMode: c.mode, jurorsPerNomination: c.k }));
    await m.insert(PanelMember, jurorIds.map((jurorId) => ({ panelId: panel.id, jurorId })));
    categories.push(category);
  }
  await seedNominations(m, cycle, categories, adminId, now);
  for (const category of categories) await runAssignment(m, adminId, category.id);
  await seedScorecards(m, categories, jurorIds, now);
  return cycle;
}

async function seedNominations(m: EntityManager, cycle: Cycle, categories: Category[], adminId: number, now: Date): Promise<void> {
  const municipalities = new Map<string, number>((await m.query(`SELECT id, name FROM municipality`)).map((r: { id: number; name: string }) => [r.name, r.id]));
  const officers = new Map<number, number>((await m.query(`SELECT id, municipality_id FROM app_user WHERE role = 'officer'`)).map((r: { id: number; municipality_id: number }) => [r.municipality_id, r.id]));
  for (const [i, n] of JUDGING_NOMINEES.entries()) {
    const municipalityId = municipalities.get(n.municipality)!;
    const authorId = officers.get(municipalityId) ?? adminId;
    const category = categories[n.category];
    const nominee = await m.save(m.create(Nominee, { ...n.person, municipalityId, phone: '+7 495 000-00-00', email: `paa-${i + 1}@example.org` }));
    const nomination = await m.save(m.create(Nomination, {
      cycleId: cycle.id, categoryId: category.id, nomineeId: nominee.id, municipalityId, authorId,
      achievements: n.achievements, motivation: JUDGING_MOTIVATION, status: targetOf('accept'),
      submittedAt: new Date(now.getTime() - (50 - i) * DAY), decidedAt: new Date(now.getTime() - 12 * DAY),
    }));
    const pdf = await demoLetterPdf('Ходатайство о выдвижении', [
      `Администрация городского округа ${n.municipality} выдвигает ${n.person.lastName} ${n.person.firstName} ${n.person.patronymic}, ${n.person.position} (${n.person.institution}), на премию конгресса «${cycle.name}» в номинации «${category.name}».`,
      n.achievements,
      JUDGING_MOTIVATION,
    ]);
    await insertDocument(m, {
      nominationId: nomination.id, kind: 'recommendation', fileName: `Ходатайство ${n.person.lastName}.pdf`,
      mime: 'application/pdf', size: pdf.length, sha256: crypto.createHash('sha256').update(pdf).digest('hex'), uploadedById: authorId,
    }, pdf);
    await seedConsents(m, { nominationId: nomination.id, authorId, lastName: n.person.lastName });
    await seedHistory(m, nomination, { officerId: authorId, adminId });
  }
}

/** A plausible score: high in the scale, varying by nomination, criterion and juror. */
function demoScore(c: Criterion, n: number, j: number): string {
  const half = Math.ceil((c.scaleMax - c.scaleMin + 1) / 2);
  return String(c.scaleMax - ((n * 3 + c.sortOrder * 2 + j * 5) % half));
}

/**
 * What each demo juror has done so far. juror@ (index 0) has submitted two and drafted one in the first
 * category and leaves everything else unscored; juror2@ is nearly done and changed one score; juror3@
 * recused once, submitted some and left a draft.
 */
async function seedScorecards(m: EntityManager, categories: Category[], jurorIds: number[], now: Date): Promise<void> {
  let minute = 0;
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY + (minute++) * 60_000);
  for (const [ci, category] of categories.entries()) {
    const criteria = await m.find(Criterion, { where: { categoryId: category.id }, order: { sortOrder: 'ASC' } });
    for (const [ji, jurorId] of jurorIds.entries()) {
      const mine: number[] = (await m.query(
        `SELECT a.nomination_id AS id FROM assignment a JOIN nomination n ON n.id = a.nomination_id WHERE a.juror_id = $1 AND n.category_id = $2 ORDER BY a.nomination_id`,
        [jurorId, category.id],
      )).map((r: { id: number }) => r.id);
      const plan = planFor(ji, ci, mine.length);
      for (const [k, nominationId] of mine.entries()) {
        const step = plan[k] ?? 'none';
        if (step === 'none') continue;
        if (step === 'recuse') {
          await recuse(m, jurorId, nominationId, 'Номинант — выпускница моей ординатуры, мы работали в одном отделении до 2024 года.', at(7));
          continue;
        }
        await confirmNoConflict(m, jurorId, nominationId, at(8));
        if (step === 'confirm') continue;
        const scores = Object.fromEntries(criteria.map((c, i) => [String(c.id), step === 'draft' && i > 1 ? '' : demoScore(c, nominationId, ji)]));
        const comment = step === 'draft' ? 'Дочитать приложенное ходатайство.' : 'Сильная заявка, достижения подтверждены документами.';
        await saveScorecard(m, jurorId, nominationId, { scores, comment }, step === 'draft' ? 'save' : 'submit', at(6 - k * 0.3));
        if (step === 'changed') {
          const lowered = Object.fromEntries(criteria.map((c) => [String(c.id), String(Math.max(c.scaleMin, Number(scores[String(c.id)]) - 1))]));
          await saveScorecard(m, jurorId, nominationId, { scores: lowered, comment: 'Пересмотрел после сравнения с другими заявками.' }, 'submit', at(2));
        }
      }
    }
  }
}

type Step = 'submit' | 'changed' | 'draft' | 'recuse' | 'confirm' | 'none';

function planFor(juror: number, category: number, count: number): Step[] {
  const all = (s: Step) => Array.from({ length: count }, () => s);
  if (juror === 0) return category === 0 ? ['submit', 'submit', 'draft'] : ['confirm'];
  if (juror === 1) return category === 0 ? ['changed', ...all('submit').slice(2), 'none'] : all('submit');
  return category === 0 ? ['recuse', 'submit', 'submit', 'submit', 'draft'] : all('submit').slice(0, Math.ceil(count / 2));
}
