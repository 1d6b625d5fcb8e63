import type { DataSource } from 'typeorm';
import { createCycle, createNomination, municipalityId, userId } from './fixtures';
import { Criterion } from '../../src/jury/criterion.entity';
import { Panel, PanelMember } from '../../src/jury/panel.entity';

const DAY = 24 * 3600 * 1000;

/**
 * A cycle in judging (window open) with one category, three criteria (weights 0.5/0.3/0.2, scale 1–10),
 * a panel of the three demo jurors, and accepted nominations from the given municipalities.
 */
export async function createJudgingScene(ds: DataSource, opts: { municipalities?: string[]; mode?: 'all' | 'k'; k?: number } = {}) {
  const now = Date.now();
  const { cycle, categories } = await createCycle(ds, {
    status: 'judging',
    nominationsStart: new Date(now - 30 * DAY), nominationsEnd: new Date(now - 20 * DAY),
    screeningStart: new Date(now - 20 * DAY), screeningEnd: new Date(now - 10 * DAY),
    judgingStart: new Date(now - 10 * DAY), judgingEnd: new Date(now + 10 * DAY),
  });
  const category = categories[0];
  const criteria = await ds.getRepository(Criterion).save([
    { categoryId: category.id, name: 'Профессиональные достижения', weight: 0.5, scaleMin: 1, scaleMax: 10, sortOrder: 0, rubric: [{ from: 1, to: 3, text: 'слабо' }, { from: 4, to: 7, text: 'хорошо' }, { from: 8, to: 10, text: 'выдающиеся' }] },
    { categoryId: category.id, name: 'Наставничество', weight: 0.3, scaleMin: 1, scaleMax: 10, sortOrder: 1, rubric: [] },
    { categoryId: category.id, name: 'Отзывы пациентов', weight: 0.2, scaleMin: 1, scaleMax: 10, sortOrder: 2, rubric: [] },
  ]);
  const jurors = [await userId(ds, 'juror@example.org'), await userId(ds, 'juror2@example.org'), await userId(ds, 'juror3@example.org')];
  const panel = await ds.getRepository(Panel).save({ categoryId: category.id, chairId: jurors[0], assignmentMode: opts.mode ?? 'all', jurorsPerNomination: opts.k ?? null });
  await ds.getRepository(PanelMember).save(jurors.map((jurorId) => ({ panelId: panel.id, jurorId })));
  const officer = await userId(ds, 'officer@example.org');
  const nominations = [];
  for (const [i, name] of (opts.municipalities ?? ['Красногорск', 'Щёлково', 'Балашиха', 'Мытищи']).entries()) {
    nominations.push(await createNomination(ds, { cycleId: cycle.id, categoryId: category.id, municipalityId: await municipalityId(ds, name), authorId: officer, status: 'accepted', nominee: { lastName: `Номинант${i}`, institution: `Больница ${name}` }, withPdf: true }));
  }
  return { cycle, category, criteria, jurors, panel, nominations };
}
