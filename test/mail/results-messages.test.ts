import request from 'supertest';
import { signIn, useTestApp, versionOf, type Agent } from '../support/harness';
import { userId } from '../support/fixtures';
import { queuedMail, type QueuedMail } from '../support/mail';
import { createResultsScene } from '../results/scene';
import { publish, subscribeInTransaction, type DomainEvents } from '../../src/domain-events';

/**
 * Four nominations: two from Красногорск that win (places 1 and 2), one from Щёлково and one from Балашиха
 * that do not. Красногорск has officer@ (Russian) and a switched-off officer; Щёлково's officer2@ reads
 * English; Балашиха has no officer.
 */
describe('officers hear of the published results and of their winners\' diplomas', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createResultsScene>>;
  let admin: { agent: Agent; csrf: string };
  let officer: number;
  let officer2: number;
  let inactive: number;
  const heard: { published: Array<DomainEvents['results.published']>; issued: Array<DomainEvents['certificates.issued']> } = { published: [], issued: [] };
  const stop = [subscribeInTransaction('results.published', (e) => void heard.published.push(e)), subscribeInTransaction('certificates.issued', (e) => void heard.issued.push(e))];
  afterAll(() => stop.forEach((s) => s()));

  beforeAll(async () => {
    scene = await createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Красногорск', 'Щёлково', 'Балашиха'],
      lastNames: ['Первая', 'Вторая', 'Третья', 'Четвёртая'],
      maxWinners: 2,
      cards: [
        [0, 0, [10, 10, 10]], [0, 1, [9, 9, 9]], [0, 2, [5, 5, 5]], [0, 3, [4, 4, 4]],
        [1, 0, [9, 9, 9]], [1, 1, [8, 8, 8]], [1, 2, [4, 4, 4]], [1, 3, [3, 3, 3]],
      ],
    });
    officer = await userId(t.ds, 'officer@example.org');
    officer2 = await userId(t.ds, 'officer2@example.org');
    await t.ds.query(`UPDATE app_user SET language = 'en' WHERE id = $1`, [officer2]);
    [{ id: inactive }] = await t.ds.query(
      `INSERT INTO app_user (email, full_name, role, municipality_id, active) SELECT 'former@example.org', 'Бывший Сотрудник', 'officer', municipality_id, false FROM app_user WHERE id = $1 RETURNING id`,
      [officer],
    );
    admin = await signIn(t.app, 'admin@example.org');
    await resultsAction('approve');
  });

  async function resultsAction(action: 'approve' | 'publish' | 'unpublish', reason = '') {
    const confirm = await admin.agent.get(`/admin/cycles/${scene.cycle.id}/results/${action}`);
    const res = await admin.agent.post(`/admin/cycles/${scene.cycle.id}/results/${action}`).type('form').send({ _csrf: admin.csrf, version: versionOf(confirm.text), reason });
    expect(res.status).toBe(303);
  }
  const diplomas = async (): Promise<Array<{ id: number; number: string; code: string; holder_name: string; place: number; revoked_at: Date | null }>> =>
    t.ds.query(`SELECT id, number, code, holder_name, place, revoked_at FROM certificate WHERE cycle_id = $1 AND kind = 'winner' ORDER BY place, id`, [scene.cycle.id]);
  const only = (mails: QueuedMail[]) => mails.map((m) => m.recipientUserId);

  it('publishing writes one results letter to each officer of a municipality with a placed nominee, and to nobody else', async () => {
    await resultsAction('publish');
    const mails = await queuedMail(t.ds, { kind: 'results_published' });
    expect(only(mails).sort()).toEqual([officer, officer2].sort());
    for (const m of mails) expect(m.cycleId).toBe(scene.cycle.id);
  });

  it('lists the municipality\'s own nominees with their outcomes, and links to the public winners list', async () => {
    const [mail] = await queuedMail(t.ds, { kind: 'results_published', recipientUserId: officer });
    expect(mail.language).toBe('ru');
    expect(mail.subject).toBe(`Итоги конкурса «${scene.cycle.name}» опубликованы`);
    expect(mail.text).toContain(`- Первая Мария Петровна — «${scene.category.name}»: победитель, 1 место`);
    expect(mail.text).toContain(`- Вторая Мария Петровна — «${scene.category.name}»: победитель, 2 место`);
    expect(mail.text).not.toContain('Третья');
    expect(mail.text).not.toContain('Четвёртая');
    expect(mail.text).toContain(`${t.config.baseUrl}/cycles/${scene.cycle.slug}/winners\n`);
    expect(mail.html).toContain(`<strong>Первая Мария Петровна — «${scene.category.name}»: победитель, 1 место</strong>`);
    await request(t.app).get(`/cycles/${scene.cycle.slug}/winners`).expect(200);
  });

  it('tells the English-reading officer in English that their nominee is not among the winners', async () => {
    const [mail] = await queuedMail(t.ds, { kind: 'results_published', recipientUserId: officer2 });
    expect(mail.language).toBe('en');
    expect(mail.subject).toBe(`The results of “${scene.cycle.name}” are published`);
    expect(mail.text).toContain(`- Третья Мария Петровна — “${scene.category.name}”: not among the winners`);
    expect(mail.text).not.toContain('Первая');
    expect(mail.text).not.toContain('diplomas can be downloaded');
  });

  it('the diplomas issued at publication reach Красногорск\'s officer in one letter, each with its verification and PDF links', async () => {
    const issued = await diplomas();
    expect(issued).toHaveLength(2);
    const mails = await queuedMail(t.ds, { kind: 'certificate_issued' });
    expect(only(mails)).toEqual([officer]);
    const [mail] = mails;
    expect(mail.subject).toBe(`Дипломы победителей — «${scene.cycle.name}»`);
    expect(mail.text).toContain(`Выданы 2 диплома победителям конкурса «${scene.cycle.name}» от вашего муниципалитета:`);
    for (const d of issued) {
      expect(mail.text).toContain(`${d.holder_name} — «${scene.category.name}», ${d.place} место: диплом № ${d.number}`);
      expect(mail.text).toContain(`${t.config.baseUrl}/verify/${d.code}\n`);
      expect(mail.text).toContain(`${t.config.baseUrl}/certificates/${d.code}.pdf\n`);
      expect(mail.html).toContain(`href="${t.config.baseUrl}/verify/${d.code}"`);
      await request(t.app).get(`/verify/${d.code}`).expect(200);
    }
  });

  it('hearing the publication and the issue again writes nothing', async () => {
    const before = await queuedMail(t.ds);
    for (const e of heard.published.splice(0)) await t.ds.transaction((m) => publish(m, 'results.published', e));
    for (const e of heard.issued.splice(0)) await t.ds.transaction((m) => publish(m, 'certificates.issued', e));
    expect(await queuedMail(t.ds)).toEqual(before);
  });

  it('publishing again after a correction is a new results letter; the unchanged diplomas are not announced twice', async () => {
    await resultsAction('unpublish', 'Опечатка в названии номинации');
    await resultsAction('publish');
    expect(only(await queuedMail(t.ds, { kind: 'results_published', recipientUserId: officer }))).toEqual([officer, officer]);
    expect(await queuedMail(t.ds, { kind: 'certificate_issued' })).toHaveLength(1);
  });

  it('a diploma issued again by the admin after a revocation reaches the officer with its new link alone', async () => {
    const [first] = await diplomas();
    const revoked = await admin.agent.post(`/admin/certificates/${first.id}/revoke`).type('form').send({ _csrf: admin.csrf, reason: 'Ошибка в отчестве' });
    expect(revoked.status).toBe(303);
    const issue = (kind: string) => admin.agent.post(`/admin/cycles/${scene.cycle.id}/certificates/issue`).type('form').send({ _csrf: admin.csrf, kind });
    expect((await issue('winner')).status).toBe(303);
    const fresh = (await diplomas()).find((d) => d.place === first.place && !d.revoked_at)!;
    expect(fresh.id).not.toBe(first.id);
    const mails = await queuedMail(t.ds, { kind: 'certificate_issued' });
    expect(only(mails)).toEqual([officer, officer]);
    expect(mails[1].text).toContain('Выдан 1 диплом победителю');
    expect(mails[1].text).toContain(`/verify/${fresh.code}`);
    expect(mails[1].text).not.toContain(first.code);
    // participation certificates and jurors' letters are not announced to officers
    expect((await issue('nominee')).status).toBe(303);
    expect((await issue('juror')).status).toBe(303);
    expect(await queuedMail(t.ds, { kind: 'certificate_issued' })).toHaveLength(2);
  });

  it('never wrote to the switched-off officer, to the jurors or to the admin', async () => {
    const others = [inactive, ...scene.jurors, await userId(t.ds, 'admin@example.org')];
    for (const id of others) expect(await queuedMail(t.ds, { recipientUserId: id })).toEqual([]);
  });
});
