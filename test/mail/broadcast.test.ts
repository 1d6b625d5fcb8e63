import request from 'supertest';
import { csrfOf, signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle, userId } from '../support/fixtures';
import { createJudgingScene } from '../support/jury-fixtures';
import { queuedMail } from '../support/mail';
import { paragraphsOf } from '../../src/mail/broadcast';

const sendKeyOf = (html: string) => /name="sendKey" value="([^"]+)"/.exec(html)?.[1];
const BODY = 'Коллеги!\r\n\r\nПриём заявок продлён до <b>10 марта</b>.\r\nВопросы — по телефону оргкомитета.';

describe('a broadcast from the admin', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let scene: Awaited<ReturnType<typeof createJudgingScene>>;

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    scene = await createJudgingScene(t.ds);
    // juror@ has scored everything given to them; juror2 has one nomination left; juror3 has none assigned
    const [juror, juror2] = scene.jurors;
    for (const n of scene.nominations.slice(0, 2)) await t.ds.query(`INSERT INTO assignment (juror_id, nomination_id) VALUES ($1, $3), ($2, $3)`, [juror, juror2, n.id]);
    for (const n of scene.nominations.slice(0, 2)) await t.ds.query(`INSERT INTO scorecard (juror_id, nomination_id, status, submitted_at) VALUES ($1, $2, 'submitted', now())`, [juror, n.id]);
    await t.ds.query(`INSERT INTO scorecard (juror_id, nomination_id, status, submitted_at) VALUES ($1, $2, 'submitted', now())`, [juror2, scene.nominations[0].id]);
  });

  const url = () => `/admin/cycles/${scene.cycle.id}/broadcast`;
  const preview = (form: Record<string, string>) => admin.agent.post(`${url()}/preview`).type('form').send({ _csrf: admin.csrf, ...form });
  const send = (form: Record<string, string>) => admin.agent.post(url()).type('form').send({ _csrf: admin.csrf, ...form });
  const officersOfRegion = async () => Number((await t.ds.query(`SELECT count(*) AS n FROM app_user WHERE role = 'officer' AND active`))[0].n);

  it('offers the cycle’s officers, each panel by its category, and the jurors who have not finished', async () => {
    const page = await admin.agent.get(url());
    expect(page.status).toBe(200);
    expect(page.text).toContain('<option value="officers"');
    expect(page.text).toContain(`<option value="panel-${scene.panel.id}"`);
    expect(page.text).toContain(`Жюри номинации «${scene.category.name}»`);
    expect(page.text).toContain('<option value="unfinished"');
    expect((await admin.agent.get(`/admin/cycles/${scene.cycle.id}`)).text).toContain(`href="${url()}"`);
  });

  it('previews how many will receive it, with names, before anything is sent', async () => {
    const res = await preview({ group: 'officers', subject: 'Продление приёма заявок', body: BODY });
    expect(res.status).toBe(200);
    const count = await officersOfRegion();
    expect(count).toBe(2); // the demo's two officers
    expect(res.text).toContain(`Письмо получат ${count} человека.`);
    expect(res.text).toContain('Гусева Алина Петровна');
    expect(res.text).toContain('Лебедев Игорь Валентинович');
    expect(res.text).toContain('Приём заявок продлён до &lt;b&gt;10 марта&lt;/b&gt;.<br>Вопросы');
    expect(sendKeyOf(res.text)).toMatch(/^[0-9a-f-]{36}$/);
    expect(await queuedMail(t.ds, { kind: 'broadcast' })).toEqual([]);
  });

  it('sends one mail per recipient, the text escaped with its paragraphs kept, and records it in the audit log', async () => {
    const form = { group: 'officers', subject: 'Продление приёма заявок', body: BODY };
    const sendKey = sendKeyOf((await preview(form)).text)!;
    const res = await send({ ...form, sendKey });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(url());
    const count = await officersOfRegion();
    expect((await admin.agent.get(url())).text).toContain(`Письмо поставлено в очередь для ${count} получателей.`);

    const mails = await queuedMail(t.ds, { kind: 'broadcast', cycleId: scene.cycle.id });
    expect(mails).toHaveLength(count);
    const toOfficer = mails.find((m) => m.toEmail === 'officer@example.org')!;
    expect(toOfficer.subject).toBe('Продление приёма заявок');
    expect(toOfficer.text).toContain('Коллеги!\n\nПриём заявок продлён до <b>10 марта</b>.\nВопросы — по телефону оргкомитета.');
    expect(toOfficer.html).toContain('<p style="margin:0 0 12px;">Приём заявок продлён до &lt;b&gt;10 марта&lt;/b&gt;.<br>Вопросы — по телефону оргкомитета.</p>');
    expect(toOfficer.html).not.toContain('<b>');

    const audit = await t.ds.query(`SELECT actor_id, entity, entity_id, action, data FROM audit_event WHERE action = 'cycle.broadcastSent'`);
    expect(audit).toEqual([{ actor_id: await userId(t.ds, 'admin@example.org'), entity: 'cycle', entity_id: String(scene.cycle.id), action: 'cycle.broadcastSent', data: { group: 'officers', subject: 'Продление приёма заявок', count } }]);

    // the same preview sent again (a double click, a reload) mails nobody twice and records nothing more
    const again = await send({ ...form, sendKey });
    expect(again.status).toBe(303);
    expect((await admin.agent.get(url())).text).toContain('Эта рассылка уже отправлена');
    expect(await queuedMail(t.ds, { kind: 'broadcast', cycleId: scene.cycle.id })).toHaveLength(count);
    expect(await t.ds.query(`SELECT id FROM audit_event WHERE action = 'cycle.broadcastSent'`)).toHaveLength(1);
  });

  it('writes to a panel’s jurors, and to the jurors who still have nominations to score', async () => {
    const panel = await preview({ group: `panel-${scene.panel.id}`, subject: 'Заседание жюри', body: 'Встречаемся в пятницу.' });
    expect(panel.text).toContain('Письмо получат 3 человека.');

    const unfinished = await preview({ group: 'unfinished', subject: 'Осталось оценить', body: 'Пожалуйста, завершите оценку.' });
    expect(unfinished.text).toContain('Письмо получит 1 человек.');
    const [, juror2] = scene.jurors;
    const res = await send({ group: 'unfinished', subject: 'Осталось оценить', body: 'Пожалуйста, завершите оценку.', sendKey: sendKeyOf(unfinished.text)! });
    expect(res.status).toBe(303);
    const mails = await queuedMail(t.ds, { kind: 'broadcast', cycleId: scene.cycle.id });
    expect(mails.filter((m) => m.subject === 'Осталось оценить').map((m) => m.recipientUserId)).toEqual([juror2]);
  });

  it('refuses an empty subject or text, or no group, with 400 and the input kept', async () => {
    const before = (await queuedMail(t.ds, { kind: 'broadcast' })).length;
    const noSubject = await preview({ group: 'officers', subject: '  ', body: 'Текст <остаётся>' });
    expect(noSubject.status).toBe(400);
    expect(noSubject.text).toMatch(/id="subject-error">[^<]+</);
    expect(noSubject.text).toContain('Текст &lt;остаётся&gt;</textarea>');

    const noBody = await send({ group: 'officers', subject: 'Тема остаётся', body: '', sendKey: '0b6c3d4e-1f2a-4b5c-8d7e-9f0a1b2c3d4e' });
    expect(noBody.status).toBe(400);
    expect(noBody.text).toMatch(/id="body-error">[^<]+</);
    expect(noBody.text).toContain('value="Тема остаётся"');

    const noGroup = await preview({ subject: 'Тема', body: 'Текст' });
    expect(noGroup.status).toBe(400);
    expect(noGroup.text).toContain('Выберите, кому отправить.');
    expect((await queuedMail(t.ds, { kind: 'broadcast' })).length).toBe(before);
  });

  it('refuses a group with nobody in it, and a panel of another cycle, with 400 and nothing sent', async () => {
    const before = (await queuedMail(t.ds, { kind: 'broadcast' })).length;
    const { cycle: empty } = await createCycle(t.ds, { name: 'Конкурс без жюри' });
    const nobody = await admin.agent.post(`/admin/cycles/${empty.id}/broadcast`).type('form')
      .send({ _csrf: admin.csrf, group: 'unfinished', subject: 'Тема', body: 'Текст письма', sendKey: '0b6c3d4e-1f2a-4b5c-8d7e-9f0a1b2c3d4e' });
    expect(nobody.status).toBe(400);
    expect(nobody.text).toContain('В этой группе сейчас нет ни одного получателя.');
    expect(nobody.text).toContain('Текст письма</textarea>');

    const foreign = await admin.agent.post(`/admin/cycles/${empty.id}/broadcast/preview`).type('form').send({ _csrf: admin.csrf, group: `panel-${scene.panel.id}`, subject: 'Тема', body: 'Текст' });
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain('Такой группы в этом конкурсе нет.');
    expect((await queuedMail(t.ds, { kind: 'broadcast' })).length).toBe(before);
    expect(await t.ds.query(`SELECT id FROM audit_event WHERE action = 'cycle.broadcastSent' AND cycle_id = $1`, [empty.id])).toEqual([]);
  });

  it('is for the admin only, and sent only with the form’s CSRF token', async () => {
    const officer = await signIn(t.app, 'officer@example.org');
    expect((await officer.agent.get(url())).status).toBe(403);
    const form = { group: 'officers', subject: 'Тема', body: 'Текст', sendKey: '0b6c3d4e-1f2a-4b5c-8d7e-9f0a1b2c3d4e' };
    expect((await officer.agent.post(url()).type('form').send({ _csrf: officer.csrf, ...form })).status).toBe(403);
    expect((await admin.agent.post(url()).type('form').send(form)).status).toBe(403);
    expect((await request(t.app).get(url())).status).toBe(303);
  });
});

describe('the paragraphs of a broadcast', () => {
  it('are parted by blank lines, keep their line breaks, and drop trailing spaces and extra blank lines', () => {
    expect(paragraphsOf('Коллеги!\r\n\r\n\r\nПервая строка  \nВторая\n \nПодпись')).toEqual([['Коллеги!'], ['Первая строка', 'Вторая'], ['Подпись']]);
  });
});
