import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { completeFields, fieldError, inputValue, postForm, textOf, PDF } from '../support/officer-forms';
import type { NominationStatus } from '../../src/nominations/nomination.entity';

/** Drafts nobody wants must not pile up: a failed first submission creates none, and a draft never submitted can be deleted. */
describe('unwanted drafts', () => {
  const t = useTestApp();
  let officer: { agent: Agent; csrf: string };
  let krasnogorsk: number;
  let officerId: number;

  const count = async (sql: string, params: unknown[]) => (await t.ds.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
  const draftIn = (cycleId: number, categoryId: number, over: { status?: NominationStatus; lastName?: string; nomineeId?: number } = {}) =>
    createNomination(t.ds, { cycleId, categoryId, municipalityId: krasnogorsk, authorId: officerId, status: over.status ?? 'draft', nominee: { lastName: over.lastName ?? 'Черновикова' }, withPdf: true });
  const confirmDelete = (agent: Agent, csrf: string, id: number, version: number | string) =>
    agent.post(`/officer/nominations/${id}/delete`).type('form').send({ _csrf: csrf, version: String(version) });

  beforeAll(async () => {
    officer = await signIn(t.app, 'officer@example.org');
    krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    officerId = await userId(t.ds, 'officer@example.org');
  });

  describe('a new form whose first «Подать заявку» fails', () => {
    it('answers 422 with the errors and creates no record — and pressing it again (F5) creates none either', async () => {
      const { cycle } = await createCycle(t.ds);
      for (let i = 0; i < 2; i++) {
        const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { action: 'submit' });
        expect(res.status).toBe(422);
        expect(fieldError(res.text, 'categoryId')).toBe('Выберите номинацию.');
        expect(fieldError(res.text, 'nominee-lastName')).toBe('Заполните это поле.');
      }
      expect(await count('nomination WHERE cycle_id = $1', [cycle.id])).toBe(0);
    });

    it('creates no draft for a person already nominated in the category', async () => {
      const { cycle, categories } = await createCycle(t.ds);
      const fields = { ...completeFields(categories[0].id, { 'nominee.lastName': 'Дублёва' }), action: 'submit' };
      expect((await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, fields)).status).toBe(303);
      const again = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, fields);
      expect(again.status).toBe(422);
      expect(fieldError(again.text, 'categoryId')).toBe('Этот номинант уже выдвинут в этой номинации.');
      expect(inputValue(again.text, 'nominee.lastName')).toBe('Дублёва');
      expect(await count('nomination WHERE cycle_id = $1', [cycle.id])).toBe(1);
      expect(await count(`nominee WHERE last_name = 'Дублёва'`, [])).toBe(1);
    });

    it('says so in English too', async () => {
      const { cycle } = await createCycle(t.ds);
      const english = await signIn(t.app, 'officer@example.org');
      await english.agent.get('/lang/en');
      const res = await postForm(english.agent, `/officer/cycles/${cycle.id}/nominations`, english.csrf, { 'nominee.lastName': 'Empty', action: 'submit' }, [{ name: 'a.pdf', data: PDF }]);
      expect(res.status).toBe(422);
      expect(textOf(res.text)).toContain('The nomination was neither submitted nor saved');
      expect(textOf(res.text)).toContain('The chosen files were not kept: choose them again.');
    });
  });

  describe('deleting a draft never submitted', () => {
    it('offers «Удалить черновик» on the draft, asks for confirmation, deletes it with its documents and the nominee typed into it, and audits it', async () => {
      const { cycle, categories } = await createCycle(t.ds);
      const n = await draftIn(cycle.id, categories[0].id, { lastName: 'Ненужная' });
      const page = await officer.agent.get(`/officer/nominations/${n.id}`);
      expect(page.text).toContain(`<a href="/officer/nominations/${n.id}/delete" role="button" class="contrast">Удалить черновик…</a>`);
      expect(page.text).not.toContain('Отозвать заявку'); // a draft is deleted, not withdrawn

      const confirm = await officer.agent.get(`/officer/nominations/${n.id}/delete`);
      expect(confirm.status).toBe(200);
      const text = textOf(confirm.text);
      expect(text).toContain('Удалить черновик заявки «Ненужная Мария Петровна»?');
      expect(text).toContain('Вместе с ним будет удалён 1 приложенный документ. Восстановить черновик будет нельзя.');
      expect(await count('nomination WHERE id = $1', [n.id])).toBe(1); // the page itself deletes nothing

      const res = await confirmDelete(officer.agent, officer.csrf, n.id, inputValue(confirm.text, 'version')!);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/officer');
      const home = textOf((await officer.agent.get('/officer')).text);
      expect(home).toContain('Черновик удалён.');
      expect(home).not.toContain('Ненужная');
      expect(await count('nomination WHERE id = $1', [n.id])).toBe(0);
      expect(await count('attachment WHERE nomination_id = $1', [n.id])).toBe(0);
      expect(await count('nominee WHERE id = $1', [n.nomineeId])).toBe(0);
      expect((await officer.agent.get(`/officer/nominations/${n.id}`)).status).toBe(404);

      const [event] = await t.ds.query(`SELECT actor_id, cycle_id, data FROM audit_event WHERE entity = 'nomination' AND entity_id = $1 AND action = 'nomination.deleted'`, [String(n.id)]);
      expect(event).toEqual({ actor_id: officerId, cycle_id: cycle.id, data: { nominee: 'Ненужная Мария Петровна', documents: 1 } });
      const admin = await signIn(t.app, 'admin@example.org');
      expect(textOf((await admin.agent.get(`/admin/audit?cycleId=${cycle.id}`)).text)).toContain('удалён черновик');
    });

    it('keeps the nominee record when another nomination names the same person', async () => {
      const earlier = await createCycle(t.ds, { status: 'published' });
      const old = await draftIn(earlier.cycle.id, earlier.categories[0].id, { status: 'accepted', lastName: 'Прошлогодняя' });
      const { cycle, categories } = await createCycle(t.ds);
      const saved = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Прошлогодняя' }), nomineeId: old.nomineeId, action: 'save' });
      const id = Number(/(\d+)$/.exec(saved.headers.location)![1]);
      expect((await confirmDelete(officer.agent, officer.csrf, id, 1)).status).toBe(303);
      expect(await count('nomination WHERE id = $1', [id])).toBe(0);
      expect(await count('nominee WHERE id = $1', [old.nomineeId])).toBe(1);
    });

    it('answers 404 to an officer of another municipality, for the page and the deletion, and deletes nothing', async () => {
      const { cycle, categories } = await createCycle(t.ds);
      const n = await draftIn(cycle.id, categories[0].id);
      const stranger = await signIn(t.app, 'officer2@example.org');
      expect((await stranger.agent.get(`/officer/nominations/${n.id}/delete`)).status).toBe(404);
      expect((await confirmDelete(stranger.agent, stranger.csrf, n.id, 1)).status).toBe(404);
      expect((await confirmDelete(stranger.agent, stranger.csrf, 999999, 1)).status).toBe(404);
      expect((await stranger.agent.get('/officer/nominations/abc/delete')).status).toBe(404);
      expect(await count('nomination WHERE id = $1', [n.id])).toBe(1);
    });

    it.each(['admin@example.org', 'juror@example.org'])('refuses %s with 403', async (email) => {
      const { cycle, categories } = await createCycle(t.ds);
      const n = await draftIn(cycle.id, categories[0].id);
      const other = await signIn(t.app, email);
      expect((await other.agent.get(`/officer/nominations/${n.id}/delete`)).status).toBe(403);
      expect((await confirmDelete(other.agent, other.csrf, n.id, 1)).status).toBe(403);
      expect(await count('nomination WHERE id = $1', [n.id])).toBe(1);
    });

    it.each(['submitted', 'returned', 'withdrawn'] as const)('refuses (409) to delete a nomination that is %s, and offers no deletion on its page', async (status) => {
      const { cycle, categories } = await createCycle(t.ds);
      const n = await draftIn(cycle.id, categories[0].id, { status });
      expect((await officer.agent.get(`/officer/nominations/${n.id}`)).text).not.toContain(`/officer/nominations/${n.id}/delete`);
      const confirm = await officer.agent.get(`/officer/nominations/${n.id}/delete`);
      expect(confirm.status).toBe(409);
      expect(confirm.text).not.toContain('>Удалить черновик</button>');
      const res = await confirmDelete(officer.agent, officer.csrf, n.id, 1);
      expect(res.status).toBe(409);
      expect(textOf(res.text)).toContain('Удалить можно только черновик, который ещё ни разу не подавался.');
      expect(await count('nomination WHERE id = $1', [n.id])).toBe(1);
    });

    it('refuses (409) outside the nominations phase, naming the deadline in Moscow time, and keeps the draft', async () => {
      const { cycle, categories } = await createCycle(t.ds, { nominationsStart: new Date('2026-02-01T06:00:00Z'), nominationsEnd: new Date('2026-03-01T20:59:00Z') });
      const n = await draftIn(cycle.id, categories[0].id);
      expect((await officer.agent.get(`/officer/nominations/${n.id}`)).text).not.toContain(`/officer/nominations/${n.id}/delete`);
      const res = await confirmDelete(officer.agent, officer.csrf, n.id, 1);
      expect(res.status).toBe(409);
      expect(textOf(res.text)).toContain('Приём заявок закрыт: черновик уже нельзя ни изменить, ни удалить. Срок был до 1 марта 2026 г. в 23:59.');
      expect(await count('nomination WHERE id = $1', [n.id])).toBe(1);
    });

    it('refuses (409) a deletion confirmed on a version someone has since saved over, and shows the draft afresh to confirm again', async () => {
      const { cycle, categories } = await createCycle(t.ds);
      const n = await draftIn(cycle.id, categories[0].id);
      const confirm = await officer.agent.get(`/officer/nominations/${n.id}/delete`);
      await t.ds.query(`UPDATE nomination SET version = version + 1 WHERE id = $1`, [n.id]);
      const res = await confirmDelete(officer.agent, officer.csrf, n.id, inputValue(confirm.text, 'version')!);
      expect(res.status).toBe(409);
      expect(textOf(res.text)).toContain('Пока вы подтверждали удаление, черновик изменили.');
      expect(inputValue(res.text, 'version')).toBe('2');
      expect(await count('nomination WHERE id = $1', [n.id])).toBe(1);
      expect((await confirmDelete(officer.agent, officer.csrf, n.id, 2)).status).toBe(303);
    });

    it('asks in English to an English reader', async () => {
      const { cycle, categories } = await createCycle(t.ds);
      const n = await draftIn(cycle.id, categories[0].id, { lastName: 'Draftova' });
      const english = await signIn(t.app, 'officer@example.org');
      await english.agent.get('/lang/en');
      const confirm = textOf((await english.agent.get(`/officer/nominations/${n.id}/delete`)).text);
      expect(confirm).toContain('Delete the draft nomination “Draftova Мария Петровна”?');
      expect(confirm).toContain('Its 1 attached document will be deleted with it. The draft cannot be restored.');
    });
  });
});
