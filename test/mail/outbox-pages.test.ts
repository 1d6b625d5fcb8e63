import type { EntityManager } from 'typeorm';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { userId } from '../support/fixtures';
import { queuedMail } from '../support/mail';
import { enqueueMail, requeueMail } from '../../src/mail/outbox';
import { moveMail } from '../../src/mail/lifecycle';
import type { MailKind } from '../../src/mail/kinds';
import type { MailStatus } from '../../src/mail/statuses';

describe('the admin reads the outbox', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let officerId: number;
  let officerName: string;
  let jurorId: number;
  let keys = 0;

  /** A message as the app enqueues it, then moved to `status` by the mail lifecycle (as the mailer would). */
  const message = async (
    m: EntityManager,
    o: { kind: MailKind; to: { userId: number | null; email: string; name: string | null }; subject: string; status: MailStatus; error?: string; html?: string },
  ): Promise<number> => {
    const { id } = await enqueueMail(m, {
      kind: o.kind, to: o.to, language: 'ru', idempotencyKey: `outbox-test:${++keys}`,
      content: { subject: o.subject, text: `Текст письма «${o.subject}»\n\nСсылка: http://localhost/jury`, html: o.html ?? `<p>Письмо <b>${o.subject}</b></p>` },
    });
    // without SMTP_URL a message is kept unsent at once; the other statuses come from the queue
    if (o.status === 'not_sent') return id;
    await requeueMail(m, id);
    if (o.status === 'sent') await moveMail(m, id, 'deliver');
    if (o.status === 'failed') await moveMail(m, id, 'fail', { lastError: o.error ?? '550 5.1.1 Mailbox unavailable' });
    return id;
  };
  const rowsOf = (html: string) => html.split('<tbody>')[1]?.split('</tbody>')[0] ?? '';
  const hrefOf = (html: string, rel: 'next' | 'prev') => {
    const found = new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(html);
    return found ? found[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=') : null;
  };
  const subjectsOf = (html: string) => [...rowsOf(html).matchAll(/<a href="\/admin\/outbox\/\d+">([^<]+)<\/a>/g)].map((x) => x[1]);

  let officer: { userId: number; email: string; name: string };
  let juror: { userId: number; email: string; name: string };
  let returned: number;
  let failed: number;
  let delivered: number;
  let hostile: number;

  beforeAll(async () => {
    officerId = await userId(t.ds, 'officer@example.org');
    jurorId = await userId(t.ds, 'juror@example.org');
    [{ full_name: officerName }] = await t.ds.query(`SELECT full_name FROM app_user WHERE id = $1`, [officerId]);
    const [{ full_name: jurorName }] = await t.ds.query(`SELECT full_name FROM app_user WHERE id = $1`, [jurorId]);
    officer = { userId: officerId, email: 'officer@example.org', name: officerName };
    juror = { userId: jurorId, email: 'juror@example.org', name: jurorName };
    await t.ds.transaction(async (m) => {
      returned = await message(m, { kind: 'nomination_returned', to: officer, subject: 'Заявка возвращена на доработку', status: 'not_sent' });
      failed = await message(m, { kind: 'juror_assigned', to: juror, subject: 'Вы назначены в жюри', status: 'failed', error: '550 5.1.1 <juror@example.org>: Recipient address rejected' });
      delivered = await message(m, { kind: 'nomination_accepted', to: officer, subject: 'Заявка допущена', status: 'sent' });
      hostile = await message(m, {
        kind: 'broadcast', to: { userId: null, email: 'Someone.Else@Example.org', name: 'Внешний адресат' }, subject: 'Рассылка <i>всем</i>', status: 'queued',
        html: '<p>Привет</p><script>parent.document.title = "hacked"</script><img src="https://tracker.example/pixel.gif">',
      });
    });
    admin = await signIn(t.app, 'admin@example.org');
  });

  it('is reached from the admin menu as «Почта», and only by the admin: others get 403 on every page and action', async () => {
    const home = await admin.agent.get('/admin').expect(200);
    expect(home.text).toContain('<a href="/admin/outbox">Почта</a>');
    for (const email of ['officer@example.org', 'juror@example.org']) {
      const { agent, csrf } = await signIn(t.app, email);
      expect((await agent.get('/admin/outbox')).status).toBe(403);
      expect((await agent.get(`/admin/outbox/${failed}`)).status).toBe(403);
      expect((await agent.get(`/admin/outbox/${failed}/html`)).status).toBe(403);
      expect((await agent.post(`/admin/outbox/${failed}/resend`).type('form').send({ _csrf: csrf })).status).toBe(403);
    }
    expect((await queuedMail(t.ds, { idempotencyKey: 'outbox-test:2' }))[0].status).toBe('failed');
  });

  it('lists every message newest first: when, to whom, kind, subject, status, attempts and the last error', async () => {
    const res = await admin.agent.get('/admin/outbox').expect(200);
    expect(subjectsOf(res.text)).toEqual(['Рассылка &lt;i&gt;всем&lt;/i&gt;', 'Заявка допущена', 'Вы назначены в жюри', 'Заявка возвращена на доработку']);
    const body = rowsOf(res.text);
    expect(body).toContain(`<a href="/admin/users/${officerId}">${officerName}</a><br><small>officer@example.org</small>`);
    expect(body).toContain('<td>заявка возвращена</td>');
    expect(body).toContain('<td>назначение члена жюри</td>');
    expect(body).toContain('<td class="mail-status mail-status-not_sent">не отправлено: почтовый сервер не настроен</td>');
    expect(body).toContain('<td class="mail-status mail-status-failed">ошибка</td>');
    expect(body).toContain('<td class="mail-status mail-status-sent">отправлено</td>');
    expect(body).toContain('<td class="mail-status mail-status-queued">в очереди</td>');
    expect(body).toContain('550 5.1.1 &lt;juror@example.org&gt;: Recipient address rejected');
    expect(body).toContain('Внешний адресат<br><small>Someone.Else@Example.org</small>');
    expect(res.text).toContain('Показаны письма 1–4 из 4, сначала новые.');
    // the page keeps the layout's menu and the admin's name (its own links are not named `nav`)
    expect(res.text).toContain('<a href="/admin/outbox">Почта</a>');
    expect(res.text).toContain('Орлова Вера Станиславовна');
  });

  it('counts the messages of each status, each count a link that filters by it', async () => {
    const res = await admin.agent.get('/admin/outbox').expect(200);
    const counts = res.text.split('id="outbox-counts"')[1].split('</ul>')[0];
    expect(counts).toContain('<strong aria-current="true">Все</strong>');
    expect(counts).toContain('<a href="/admin/outbox?status&#x3D;failed">ошибка</a>: 1');
    expect(counts).toContain('<a href="/admin/outbox?status&#x3D;queued">в очереди</a>: 1');
    expect(counts).toContain('<a href="/admin/outbox?status&#x3D;not_sent">не отправлено: почтовый сервер не настроен</a>: 1');
    const onlyFailed = await admin.agent.get('/admin/outbox?status=failed').expect(200);
    expect(onlyFailed.text.split('id="outbox-counts"')[1]).toContain('<strong aria-current="true">ошибка: 1</strong>');
  });

  it('filters by status, by kind and by recipient, keeping the choices', async () => {
    const byStatus = await admin.agent.get('/admin/outbox?status=failed').expect(200);
    expect(subjectsOf(byStatus.text)).toEqual(['Вы назначены в жюри']);
    expect(byStatus.text).toContain('<option value="failed" selected>ошибка</option>');
    const byKind = await admin.agent.get('/admin/outbox?kind=nomination_accepted').expect(200);
    expect(subjectsOf(byKind.text)).toEqual(['Заявка допущена']);
    expect(byKind.text).toContain('<option value="nomination_accepted" selected>заявка допущена</option>');
    const both = await admin.agent.get('/admin/outbox?kind=nomination_accepted&status=failed').expect(200);
    expect(subjectsOf(both.text)).toEqual([]);
    expect(both.text).toContain('Писем не найдено.');
    const byPerson = await admin.agent.get(`/admin/outbox?recipientId=${officerId}`).expect(200);
    expect(subjectsOf(byPerson.text)).toEqual(['Заявка допущена', 'Заявка возвращена на доработку']);
    expect(byPerson.text).toContain(`name="q" type="search" value="${officerName}"`);
    // a status link keeps the person
    expect(byPerson.text).toContain(`<a href="/admin/outbox?status&#x3D;sent&amp;recipientId&#x3D;${officerId}">отправлено</a>: 1`);
  });

  it('finds messages by the start of a name or an address, and by a whole address no account has', async () => {
    for (const typed of [officerName.slice(0, 4).toLowerCase(), 'officer@exa', 'OFFICER@example.org']) {
      const res = await admin.agent.get(`/admin/outbox?q=${encodeURIComponent(typed)}`).expect(200);
      expect({ typed, subjects: subjectsOf(res.text) }).toEqual({ typed, subjects: ['Заявка допущена', 'Заявка возвращена на доработку'] });
    }
    const outsider = await admin.agent.get(`/admin/outbox?q=${encodeURIComponent('someone.else@example.org')}`).expect(200);
    expect(subjectsOf(outsider.text)).toEqual(['Рассылка &lt;i&gt;всем&lt;/i&gt;']);
    const nobody = await admin.agent.get(`/admin/outbox?q=${encodeURIComponent('Щщщ')}`).expect(200);
    expect(nobody.text).toContain('Никого не нашлось по «Щщщ».');
    expect(subjectsOf(nobody.text)).toEqual([]);
  });

  it('asks for more letters when a search finds more than 20 people, keeping what was typed', async () => {
    await t.ds.query(`INSERT INTO app_user (email, full_name, role) SELECT 'many' || g || '@example.org', 'Многоименный ' || g, 'juror' FROM generate_series(1, 21) g`);
    const many = await admin.agent.get(`/admin/outbox?q=${encodeURIComponent('Многоим')}`);
    expect(many.status).toBe(400);
    expect(many.text).toContain('По «Многоим» нашлось больше 20 человек — уточните фамилию, имя или почту.');
    expect(many.text).toContain('name="q" type="search" value="Многоим"');
    expect(subjectsOf(many.text)).toEqual([]);
    // several (but not too many) found: each offered as a link that narrows the list to them
    const few = await admin.agent.get(`/admin/outbox?q=${encodeURIComponent('Многоименный 1')}&status=sent`).expect(200);
    const [{ id: firstOfThem }] = await t.ds.query(`SELECT id FROM app_user WHERE email = 'many1@example.org'`);
    expect(few.text.split('id="outbox-matches"')[1]).toContain(`<a href="/admin/outbox?status&#x3D;sent&amp;recipientId&#x3D;${firstOfThem}">Многоименный 1 (член жюри)</a>`);
    await t.ds.query(`DELETE FROM app_user WHERE email LIKE 'many%@example.org'`);
  });

  it('shows a message as it was sent: sender, recipient, subject, its text in <pre> and its HTML in a sandboxed frame', async () => {
    const res = await admin.agent.get(`/admin/outbox/${failed}`).expect(200);
    const facts = res.text.split('id="mail-facts"')[1].split('</dl>')[0];
    expect(facts).toMatch(/<dt>От<\/dt><dd>.*no-reply@/);
    expect(facts).toContain(`<a href="/admin/users/${jurorId}">${juror.name}</a> &lt;juror@example.org&gt;`);
    expect(facts).toContain('<dd>назначение члена жюри</dd>');
    expect(facts).toContain('<dd class="mail-status mail-status-failed">ошибка</dd>');
    expect(facts).toContain('550 5.1.1 &lt;juror@example.org&gt;: Recipient address rejected');
    expect(res.text).toContain('<h1>Вы назначены в жюри</h1>');
    expect(res.text).toContain('<pre class="mail-text">Текст письма «Вы назначены в жюри»\n\nСсылка: http://localhost/jury</pre>');
    expect(res.text).toContain(`<iframe class="mail-frame" sandbox src="/admin/outbox/${failed}/html"`);
  });

  it('serves the stored HTML only under a CSP that sandboxes it: no script, no remote image, framed by the app alone', async () => {
    const page = await admin.agent.get(`/admin/outbox/${hostile}`).expect(200);
    expect(page.text).not.toContain('<script>parent');
    expect(page.text).not.toContain('tracker.example');
    expect(page.text).toContain('<h1>Рассылка &lt;i&gt;всем&lt;/i&gt;</h1>');
    const html = await admin.agent.get(`/admin/outbox/${hostile}/html`).expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-security-policy']).toBe("sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
    expect(html.headers['x-content-type-options']).toBe('nosniff');
    expect(html.headers['cache-control']).toBe('private, no-store');
    expect(html.text).toBe('<p>Привет</p><script>parent.document.title = "hacked"</script><img src="https://tracker.example/pixel.gif">');
  });

  it('answers a bad or unknown message id with the 404 page, never a 500', async () => {
    for (const url of ['/admin/outbox/0', '/admin/outbox/abc', '/admin/outbox/99999999', '/admin/outbox/99999999999999', '/admin/outbox/99999999/html', '/admin/outbox/x/html']) {
      const res = await admin.agent.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
    }
    const res = await admin.agent.post('/admin/outbox/99999999/resend').type('form').send({ _csrf: admin.csrf });
    expect(res.status).toBe(404);
  });

  it('sends a failed message again: back in the queue with attempts reset, the audit log keeps it, the page says so', async () => {
    await t.ds.query(`UPDATE mail_message SET attempts = 7 WHERE id = $1`, [failed]);
    const page = await admin.agent.get(`/admin/outbox/${failed}`).expect(200);
    expect(page.text).toContain(`action="/admin/outbox/${failed}/resend"`);
    const res = await admin.agent.post(`/admin/outbox/${failed}/resend`).type('form').send({ _csrf: admin.csrf }).expect(303);
    expect(res.headers.location).toBe(`/admin/outbox/${failed}`);
    const [row] = await t.ds.query(`SELECT status, attempts, next_attempt_at FROM mail_message WHERE id = $1`, [failed]);
    expect(row).toMatchObject({ status: 'queued', attempts: 0 });
    expect(row.next_attempt_at).not.toBeNull();
    const [audit] = await t.ds.query(`SELECT actor_id, entity, entity_id, action, data FROM audit_event WHERE entity = 'mail'`);
    expect(audit).toEqual({
      actor_id: await userId(t.ds, 'admin@example.org'), entity: 'mail', entity_id: String(failed), action: 'mail.resent',
      data: { kind: 'juror_assigned', to: 'juror@example.org', previousStatus: 'failed' },
    });
    const after = await admin.agent.get(`/admin/outbox/${failed}`).expect(200);
    expect(after.text).toContain('Письмо снова поставлено в очередь на отправку.');
    expect(after.text).toContain('<dd class="mail-status mail-status-queued">в очереди</dd>');
    expect(after.text).not.toContain(`action="/admin/outbox/${failed}/resend"`);
    const log = await admin.agent.get('/admin/audit').expect(200);
    expect(log.text).toContain('<td>отправлено повторно</td>');
  });

  it('sends a message kept unsent (no mail server) again too', async () => {
    await admin.agent.post(`/admin/outbox/${returned}/resend`).type('form').send({ _csrf: admin.csrf }).expect(303);
    expect((await t.ds.query(`SELECT status FROM mail_message WHERE id = $1`, [returned]))[0].status).toBe('queued');
  });

  it('refuses to resend a sent or queued message with 409 and says why, changing nothing', async () => {
    for (const [id, label] of [[delivered, 'отправлено'], [hostile, 'в очереди']] as const) {
      const before = await t.ds.query(`SELECT status, attempts, queued_at FROM mail_message WHERE id = $1`, [id]);
      const res = await admin.agent.post(`/admin/outbox/${id}/resend`).type('form').send({ _csrf: admin.csrf });
      expect(res.status).toBe(409);
      expect(res.text).toContain(`Повторно отправить можно только письмо с ошибкой или не отправленное; у этого письма статус «${label}».`);
      expect(await t.ds.query(`SELECT status, attempts, queued_at FROM mail_message WHERE id = $1`, [id])).toEqual(before);
    }
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity = 'mail' AND entity_id IN ($1, $2)`, [String(delivered), String(hostile)])).toEqual([{ n: 0 }]);
  });

  it('refuses a resend without the form\'s CSRF token', async () => {
    const [{ status }] = await t.ds.query(`SELECT status FROM mail_message WHERE id = $1`, [delivered]);
    const res = await admin.agent.post(`/admin/outbox/${delivered}/resend`).type('form').send({});
    expect(res.status).toBe(403);
    expect((await t.ds.query(`SELECT status FROM mail_message WHERE id = $1`, [delivered]))[0].status).toBe(status);
  });

  it('lists a person\'s latest messages on their page in «Пользователи», with a link to all of them in the outbox', async () => {
    const res = await admin.agent.get(`/admin/users/${officerId}`).expect(200);
    const section = res.text.split('id="person-mail"')[1].split('</section>')[0];
    expect(subjectsOf(section)).toEqual(['Заявка допущена', 'Заявка возвращена на доработку']);
    expect(section).toContain(`<a href="/admin/outbox?recipientId&#x3D;${officerId}">Все письма этому человеку в исходящей почте</a>`);
    const nobody = await admin.agent.get(`/admin/users/${await userId(t.ds, 'admin@example.org')}`).expect(200);
    expect(nobody.text).toContain('Писем этому человеку ещё не было.');
  });

  it('is in English for an English reader', async () => {
    await admin.agent.get('/lang/en?next=/admin/outbox');
    const res = await admin.agent.get('/admin/outbox?status=sent').expect(200);
    expect(res.text).toContain('<h1>Outgoing mail</h1>');
    expect(res.text).toContain('<td>nomination accepted</td>');
    expect(res.text).toContain('<a href="/admin/outbox">Mail</a>');
    await admin.agent.get('/lang/ru?next=/admin/outbox');
  });

  describe('a long outbox, a page at a time', () => {
    beforeAll(async () => {
      // 120 more to the juror, each with a long SMTP answer, so the page's size is tested with full rows
      await t.ds.transaction(async (m) => {
        for (let i = 1; i <= 120; i++) {
          await message(m, { kind: 'reminder_juror_scorecards', to: juror, subject: `Напоминание № ${i}`, status: i % 3 === 0 ? 'failed' : 'sent', error: `421 4.7.0 ${'Try again later, the server is busy. '.repeat(30)}${i}` });
        }
      });
    });

    it('pages by cursor, 50 at a time, newest first, there and back, with each page\'s place in the list', async () => {
      const first = await admin.agent.get('/admin/outbox?kind=reminder_juror_scorecards').expect(200);
      const numbers = (html: string) => subjectsOf(html).map((s) => Number(s.replace('Напоминание № ', '')));
      expect(numbers(first.text)).toEqual(Array.from({ length: 50 }, (_, i) => 120 - i));
      expect(first.text).toContain('Показаны письма 1–50 из 120, сначала новые.');
      expect(hrefOf(first.text, 'prev')).toBeNull();
      const secondUrl = hrefOf(first.text, 'next')!;
      expect(secondUrl).toMatch(/^\/admin\/outbox\?kind=reminder_juror_scorecards&before=\d+$/);
      const second = await admin.agent.get(secondUrl).expect(200);
      expect(numbers(second.text)).toEqual(Array.from({ length: 50 }, (_, i) => 70 - i));
      expect(second.text).toContain('Показаны письма 51–100 из 120, сначала новые.');
      const third = await admin.agent.get(hrefOf(second.text, 'next')!).expect(200);
      expect(numbers(third.text)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
      expect(hrefOf(third.text, 'next')).toBeNull();
      const back = await admin.agent.get(hrefOf(third.text, 'prev')!).expect(200);
      expect(numbers(back.text)).toEqual(numbers(second.text));
      const top = await admin.agent.get(hrefOf(back.text, 'prev')!).expect(200);
      expect(numbers(top.text)).toEqual(numbers(first.text));
    });

    it('keeps the status filter while paging, and its count', async () => {
      const failedOnly = await admin.agent.get('/admin/outbox?kind=reminder_juror_scorecards&status=failed').expect(200);
      expect(subjectsOf(failedOnly.text)).toHaveLength(40);
      expect(failedOnly.text).toContain('Показаны письма 1–40 из 40, сначала новые.');
      expect(failedOnly.text.split('id="outbox-counts"')[1]).toContain('отправлено</a>: 80');
    });

    it('keeps a page well under 300 KB, cutting long errors short in the list (the message\'s page has them whole)', async () => {
      const res = await admin.agent.get('/admin/outbox').expect(200);
      expect(subjectsOf(res.text)).toHaveLength(50);
      expect(Buffer.byteLength(res.text)).toBeLessThan(150_000);
      expect(rowsOf(res.text)).toContain('Try again later, the server is busy.');
      expect(rowsOf(res.text)).not.toContain('busy. 120');
      const [{ id }] = await t.ds.query(`SELECT id FROM mail_message WHERE subject = 'Напоминание № 120'`);
      expect((await admin.agent.get(`/admin/outbox/${id}`)).text).toContain('busy. 120');
    });

    it('answers a damaged cursor with 400 and a link to the newest page', async () => {
      for (const cursor of ['before=abc', 'after=-1', 'before=1&after=2', 'before=99999999999']) {
        const res = await admin.agent.get(`/admin/outbox?${cursor}`);
        expect({ cursor, status: res.status }).toEqual({ cursor, status: 400 });
        expect(res.text).toContain('Ссылка на страницу почты повреждена');
      }
    });
  });
});
