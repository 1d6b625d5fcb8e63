import { useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { checkMove, type PhaseFacts } from '../../src/cycles/phases';
import { moveCyclePhase } from '../../src/cycles/cycle-phase';
import { Criterion } from '../../src/jury/criterion.entity';
import { Panel, PanelMember } from '../../src/jury/panel.entity';
import { runAssignment } from '../../src/jury/assignments';

describe('judging starts only when every category with accepted nominations has criteria, jurors and assignments', () => {
  const facts = (categories: PhaseFacts['categories']): PhaseFacts => ({
    status: 'screening', now: new Date(), nominationsStart: null, nominationsEnd: null, categories, nominations: { accepted: 3 },
  });
  const ready = { criteria: 3, jurors: 2, assignments: 4 };

  it('names the categories that are not ready, and ignores those without accepted nominations', () => {
    expect(checkMove(facts([{ id: 1, name: 'Педиатр', nominations: { accepted: 3 }, jury: ready }]), 'judging')).toMatchObject({ ok: true });
    const check = checkMove(facts([
      { id: 1, name: 'Педиатр', nominations: { accepted: 1 }, jury: { ...ready, criteria: 0 } },
      { id: 2, name: 'Неонатолог', nominations: { accepted: 1 }, jury: { ...ready, assignments: 0 } },
      { id: 3, name: 'Наставник', nominations: { accepted: 1 } },
      { id: 4, name: 'Пустая', nominations: { rejected: 2 } },
      { id: 5, name: 'Готовая', nominations: { accepted: 1 }, jury: ready },
    ]), 'judging');
    expect(check).toMatchObject({ ok: false, problems: [{ key: 'juryAdmin.phaseProblem.notReady', params: { categories: ['Педиатр', 'Неонатолог', 'Наставник'] } }] });
  });

  describe('on the real database', () => {
    const t = useTestApp();

    it('refuses the move until the jury is set up, then lets it through', async () => {
      const admin = await userId(t.ds, 'admin@example.org');
      const { cycle, categories } = await createCycle(t.ds, { status: 'screening', categories: [{ name: 'Участковый педиатр' }] });
      const officer = await userId(t.ds, 'officer@example.org');
      await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: await municipalityId(t.ds, 'Красногорск'), authorId: officer, status: 'accepted' });
      const move = () => t.ds.transaction((m) => moveCyclePhase(m, cycle.id, 'judging', 1, admin));
      expect(await move()).toEqual({ ok: false, problems: [{ key: 'juryAdmin.phaseProblem.notReady', params: { categories: ['Участковый педиатр'] } }] });
      await t.ds.getRepository(Criterion).save({ categoryId: categories[0].id, name: 'Достижения', weight: 1, scaleMin: 1, scaleMax: 10, rubric: [] });
      const juror = await userId(t.ds, 'juror@example.org');
      const panel = await t.ds.getRepository(Panel).save({ categoryId: categories[0].id, chairId: juror, assignmentMode: 'all', jurorsPerNomination: null });
      await t.ds.getRepository(PanelMember).save({ panelId: panel.id, jurorId: juror });
      expect((await move()).ok).toBe(false);
      await t.ds.transaction((m) => runAssignment(m, admin, categories[0].id));
      expect(await move()).toEqual({ ok: true, from: 'screening', to: 'judging' });
    });
  });
});
