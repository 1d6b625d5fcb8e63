import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { queuedMail, type QueuedMail } from '../support/mail';
import type { Cycle } from '../../src/cycles/cycle.entity';
import type { NominationStatus } from '../../src/nominations/nomination.entity';
import { moveNomination } from '../../src/nominations/lifecycle';
import { decideNomination } from '../../src/nominations/screening';
import { publish, subscribeInTransaction, type DomainEvents } from '../../src/domain-events';
import { formatDateTime } from '../../src/web/format';

/**
 * Красногорск has three officers: officer@ (Russian), a colleague who reads English and one whose account
 * was switched off; Щёлково's officer2@ must never hear of Красногорск's nominations.
 */
describe('officers hear of the screening decisions on their municipality\'s nominations', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let cycle: Cycle;
  let categoryName: string;
  let categoryId: number;
  let krasnogorsk: number;
  let officer: number;
  let colleague: number;
  let inactive: number;
  const heard: Array<DomainEvents['nomination.returned']> = [];
  const stopListening = subscribeInTransaction('nomination.returned', (e) => void heard.push(e));
  afterAll(() => stopListening());

  beforeAll(async () => {
    krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    officer = await userId(t.ds, 'officer@example.org');
    const people: Array<{ id: number }> = await t.ds.query(
      `INSERT INTO app_user (email, full_name, role, municipality_id, active, language) VALUES
         ('colleague@example.org', 'Marina Petrova', 'officer', $1, true, 'en'),
         ('former@example.org', 'Бывший Сотрудник', 'officer', $1, false, 'ru')
       RETURNING id`,
      [krasnogorsk],
    );
    [colleague, inactive] = people.map((p) => p.id);
    const created = await createCycle(t.ds);
    cycle = created.cycle;
    ({ id: categoryId, name: categoryName } = created.categories[0]);
    admin = await signIn(t.app, 'admin@example.org');
  });

  const submitted = async (lastName: string, status: NominationStatus = 'submitted') =>
    createNomination(t.ds, { cycleId: cycle.id, categoryId, municipalityId: krasnogorsk, authorId: officer, status, nominee: { lastName } });
  const versionOf = async (id: number) => (await t.ds.query(`SELECT version FROM nomination WHERE id = $1`, [id]))[0].version as number;
  const decide = async (id: number, decision: string, reason = '') =>
    admin.agent.post(`/admin/nominations/${id}/decision`).type('form').send({ _csrf: admin.csrf, version: String(await versionOf(id)), decision, reason });
  const mailsOf = async (kind: QueuedMail['kind']) => queuedMail(t.ds, { kind });
  const byRecipient = (mails: QueuedMail[], id: number) => mails.filter((m) => m.recipientUserId === id);

  it('a return goes to each active officer of the municipality, nobody else, in their own language', async () => {
    const n = await submitted('Возвратова');
    expect((await decide(n.id, 'return', 'Нет ходатайства главного врача.\nПриложите скан с подписью.')).status).toBe(303);
    const mails = await mailsOf('nomination_returned');
    expect(mails.map((m) => m.recipientUserId).sort()).toEqual([officer, colleague].sort());
    expect(byRecipient(mails, inactive)).toEqual([]);
    expect(mails.map((m) => m.language).sort()).toEqual(['en', 'ru']);
    for (const m of mails) expect(m.cycleId).toBe(cycle.id);
  });

  it('the Russian letter gives the reason, the deadline for resubmitting in Moscow time and the link to the nomination', async () => {
    const [mail] = byRecipient(await mailsOf('nomination_returned'), officer);
    const id = heard[0].nominationId;
    expect(mail.subject).toBe('Заявка возвращена на доработку: Возвратова Мария Петровна');
    expect(mail.text).toContain('Здравствуйте, Гусева Алина Петровна!');
    expect(mail.text).toContain(`Оргкомитет конкурса «${cycle.name}» вернул на доработку заявку: Возвратова Мария Петровна.`);
    expect(mail.text).toContain(`Номинация: «${categoryName}».`);
    expect(mail.text).toContain('Что нужно исправить: Нет ходатайства главного врача.\nПриложите скан с подписью.');
    expect(mail.text).toContain(`Исправленную заявку можно отправить снова до ${formatDateTime(cycle.screeningEnd, 'ru', t.config.regionTz)} (московское время).`);
    expect(mail.text).toContain(`${t.config.baseUrl}/officer/nominations/${id}\n`);
    expect(mail.html).toContain(`href="${t.config.baseUrl}/officer/nominations/${id}"`);
  });

  it('the English letter says the same in English', async () => {
    const [mail] = byRecipient(await mailsOf('nomination_returned'), colleague);
    expect(mail.toEmail).toBe('colleague@example.org');
    expect(mail.subject).toBe('Nomination returned for correction: Возвратова Мария Петровна');
    expect(mail.text).toContain('Dear Marina Petrova,');
    expect(mail.text).toContain('What to correct: Нет ходатайства главного врача.');
    expect(mail.text).toContain(`may be submitted again until ${formatDateTime(cycle.screeningEnd, 'en', t.config.regionTz)} (Moscow time).`);
  });

  it('hearing the same return again sends nothing; a second return after the nomination was resubmitted is a new letter', async () => {
    const before = await queuedMail(t.ds);
    for (const event of heard.splice(0)) await t.ds.transaction((m) => publish(m, 'nomination.returned', event));
    expect(await queuedMail(t.ds)).toEqual(before);

    const [n] = await t.ds.query(`SELECT id, status, version, cycle_id AS "cycleId", municipality_id AS "municipalityId" FROM nomination WHERE status = 'returned'`);
    await t.ds.transaction((m) => moveNomination(m, n, 'submit', { actorId: officer }));
    expect((await decide(n.id, 'return', 'Фамилия написана с ошибкой.')).status).toBe(303);
    const mine = byRecipient(await mailsOf('nomination_returned'), officer);
    expect(mine).toHaveLength(2);
    expect(mine[1].text).toContain('Что нужно исправить: Фамилия написана с ошибкой.');
  });

  it('an acceptance says the jury will score it, and links to it', async () => {
    const n = await submitted('Принятова');
    expect((await decide(n.id, 'accept')).status).toBe(303);
    const mails = await mailsOf('nomination_accepted');
    expect(mails.map((m) => m.recipientUserId).sort()).toEqual([officer, colleague].sort());
    const [ru] = byRecipient(mails, officer);
    expect(ru.subject).toBe('Заявка допущена к конкурсу: Принятова Мария Петровна');
    expect(ru.text).toContain(`Оргкомитет конкурса «${cycle.name}» допустил к конкурсу заявку: Принятова Мария Петровна.`);
    expect(ru.text).toContain('Теперь заявку оценит жюри');
    expect(ru.text).toContain(`${t.config.baseUrl}/officer/nominations/${n.id}`);
    expect(byRecipient(mails, colleague)[0].subject).toBe('Nomination accepted: Принятова Мария Петровна');
  });

  it('a rejection gives the reason, escaped in the HTML', async () => {
    const n = await submitted('Отказова');
    expect((await decide(n.id, 'reject', 'Стаж меньше <5> лет')).status).toBe(303);
    const [ru] = byRecipient(await mailsOf('nomination_rejected'), officer);
    expect(ru.subject).toBe('Заявка отклонена: Отказова Мария Петровна');
    expect(ru.text).toContain('Причина: Стаж меньше <5> лет');
    expect(ru.html).toContain('Причина: Стаж меньше &lt;5&gt; лет');
    expect(ru.html).not.toContain('<5>');
  });

  it('accepting several from the list writes each officer one letter per nomination', async () => {
    const ids = [(await submitted('Первая')).id, (await submitted('Вторая')).id];
    const before = (await mailsOf('nomination_accepted')).length;
    const res = await admin.agent.post(`/admin/cycles/${cycle.id}/nominations/accept`).type('form').send(`_csrf=${encodeURIComponent(admin.csrf)}&ids=${ids[0]}&ids=${ids[1]}`);
    expect(res.status).toBe(303);
    const after = await mailsOf('nomination_accepted');
    expect(after.length - before).toBe(4);
    expect(byRecipient(after, officer).slice(-2).map((m) => m.subject)).toEqual(['Заявка допущена к конкурсу: Первая Мария Петровна', 'Заявка допущена к конкурсу: Вторая Мария Петровна']);
  });

  it('a decision rolled back with its transaction leaves no letter', async () => {
    const n = await submitted('Откатова');
    const before = await queuedMail(t.ds);
    const adminId = await userId(t.ds, 'admin@example.org');
    await expect(
      t.ds.transaction(async (m) => {
        expect((await decideNomination(m, adminId, n.id, 'reject', 'Передумали', null)).ok).toBe(true);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await queuedMail(t.ds)).toEqual(before);
  });

  it('never wrote to another municipality\'s officer nor to the inactive one', async () => {
    const officer2 = await userId(t.ds, 'officer2@example.org');
    expect(await queuedMail(t.ds, { recipientUserId: officer2 })).toEqual([]);
    expect(await queuedMail(t.ds, { recipientUserId: inactive })).toEqual([]);
  });
});
