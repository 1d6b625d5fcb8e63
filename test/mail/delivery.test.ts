import net from 'node:net';
import { DataSource } from 'typeorm';
import { useTestApp } from '../support/harness';
import { startTestSmtpServer, queuedMail, type TestSmtpServer } from '../support/mail';
import { enqueueMail, requeueMail, type MailRequest } from '../../src/mail/outbox';
import { startMailer, type Mailer, type MailerOptions } from '../../src/mail/mailer';
import { claimDueMail } from '../../src/mail/delivery';
import { useMailSettings } from '../../src/mail/settings';

const FROM = 'Лауреат <no-reply@laureate.test>';
const FAST = { retry: { firstDelayMs: 100, maxDelayMs: 200, windowMs: 60_000 }, pollMs: 50, smtpTimeoutMs: 2_000 };

async function eventually(check: () => Promise<void> | void, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const request = (n: number, over: Partial<MailRequest> = {}): MailRequest => ({
  kind: 'broadcast',
  to: { userId: null, email: `person${n}@example.org`, name: `Иван Петров ${n}` },
  language: 'ru',
  idempotencyKey: `test:${n}`,
  content: { subject: `Итоги конкурса №${n}`, text: `Здравствуйте, ${n}!\n`, html: `<p>Здравствуйте, ${n}!</p>` },
  ...over,
});

describe('mail delivery through a real SMTP server', () => {
  const t = useTestApp({ seed: false });
  let smtp: TestSmtpServer;
  const mailers: Mailer[] = [];
  const start = (smtpUrl: string | null = smtp.url, over: Partial<MailerOptions> = {}) => {
    const mailer = startMailer({ dataSource: t.ds, config: { smtpUrl, mailFrom: FROM }, ...FAST, ...over });
    mailers.push(mailer);
    return mailer;
  };
  const enqueue = (...requests: MailRequest[]) => t.ds.transaction(async (m) => { for (const r of requests) await enqueueMail(m, r); });

  beforeEach(async () => {
    smtp = await startTestSmtpServer();
    useMailSettings({ smtpUrl: smtp.url, from: FROM });
  });
  afterEach(async () => {
    await Promise.all(mailers.splice(0).map((m) => m.stop()));
    await smtp.close();
    await t.ds.query(`DELETE FROM mail_message`);
  });
  afterAll(() => useMailSettings(null));

  it('delivers a message with its Cyrillic subject, both parts, sender and recipient', async () => {
    start();
    await enqueue(request(1));
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe('Итоги конкурса №1');
    expect(mail.text).toBe('Здравствуйте, 1!\n');
    expect(mail.html).toContain('<p>Здравствуйте, 1!</p>');
    expect(mail.from?.value).toEqual([{ name: 'Лауреат', address: 'no-reply@laureate.test' }]);
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value).toEqual([{ name: 'Иван Петров 1', address: 'person1@example.org' }]);
    await eventually(async () => expect(await queuedMail(t.ds)).toMatchObject([{ status: 'sent', attempts: 1, lastError: null }]));
  });

  it('retries after a 421 refusal and then delivers the message once', async () => {
    smtp.refuseNext({ code: 421, message: 'Try again later' });
    start();
    await enqueue(request(1));
    await smtp.waitFor(1);
    await eventually(async () => expect(await queuedMail(t.ds)).toMatchObject([{ status: 'sent', attempts: 2, lastError: null }]));
    await new Promise((r) => setTimeout(r, 400));
    expect(smtp.received).toHaveLength(1);
    expect(smtp.answers).toEqual([{ code: 421, message: 'Try again later' }, 'accept']);
  });

  it('marks a message refused with 550 as failed, keeps it readable with the server’s answer, and does not retry', async () => {
    smtp.refuseNext({ code: 550, message: 'No such mailbox' });
    start();
    await enqueue(request(1));
    await eventually(async () => expect(await queuedMail(t.ds)).toMatchObject([{ status: 'failed', attempts: 1, subject: 'Итоги конкурса №1', html: '<p>Здравствуйте, 1!</p>' }]));
    const [failed] = await queuedMail(t.ds);
    expect(failed.lastError).toMatch(/550.*No such mailbox/);
    await new Promise((r) => setTimeout(r, 400));
    expect(smtp.answers).toHaveLength(1);
  });

  it('sends a failed message again when it is requeued', async () => {
    smtp.refuseNext({ code: 550, message: 'No such mailbox' });
    start();
    await enqueue(request(1));
    await eventually(async () => expect(await queuedMail(t.ds)).toMatchObject([{ status: 'failed' }]));
    const [failed] = await queuedMail(t.ds);
    expect(await t.ds.transaction((m) => requeueMail(m, failed.id))).toBe(true);
    await smtp.waitFor(1);
    await eventually(async () => expect(await queuedMail(t.ds)).toMatchObject([{ status: 'sent', attempts: 1 }]));
    expect(await t.ds.transaction((m) => requeueMail(m, failed.id))).toBe(false); // a sent message stays sent
  });

  it('treats a refused connection as temporary: the message stays queued with the error, due again later', async () => {
    const closed = await freePort();
    useMailSettings({ smtpUrl: `smtp://127.0.0.1:${closed}`, from: FROM });
    start(`smtp://127.0.0.1:${closed}`, { retry: { firstDelayMs: 60_000, maxDelayMs: 60_000, windowMs: 24 * 3_600_000 } });
    await enqueue(request(1));
    await eventually(async () => expect((await queuedMail(t.ds))[0].lastError).toMatch(/ECONNREFUSED/));
    const [mail] = await queuedMail(t.ds);
    expect(mail).toMatchObject({ status: 'queued', attempts: 1 });
    expect(new Date(mail.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it('treats a server that never answers as temporary once the timeout passes, without hanging', async () => {
    const silent = net.createServer(() => undefined); // accepts, never greets
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `smtp://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    try {
      useMailSettings({ smtpUrl: url, from: FROM });
      start(url, { smtpTimeoutMs: 300, retry: { firstDelayMs: 60_000, maxDelayMs: 60_000, windowMs: 24 * 3_600_000 } });
      await enqueue(request(1));
      await eventually(async () => expect(await queuedMail(t.ds)).toMatchObject([{ status: 'queued', attempts: 1, lastError: expect.stringMatching(/ETIMEDOUT/) }]), 5_000);
    } finally {
      await Promise.all(mailers.splice(0).map((m) => m.stop()));
      silent.close();
    }
  });

  it('fails a message whose temporary failures outlast the retry window', async () => {
    const always421 = await startTestSmtpServer({ answer: () => ({ code: 421, message: 'Busy' }) });
    try {
      useMailSettings({ smtpUrl: always421.url, from: FROM });
      start(always421.url, { retry: { firstDelayMs: 50, maxDelayMs: 100, windowMs: 600 } });
      await enqueue(request(1));
      await eventually(async () => expect(await queuedMail(t.ds)).toMatchObject([{ status: 'failed' }]));
      const [mail] = await queuedMail(t.ds);
      // retried at least once before giving up (how many times fit in the window depends on the machine's load)
      expect(mail.attempts).toBeGreaterThanOrEqual(2);
      expect(mail.lastError).toMatch(/421 Busy.*given up after 1 s of retries/);
    } finally {
      await always421.close();
    }
  });

  it('delivers messages queued while the mailer was stopped once it starts again, each once', async () => {
    await start().stop();
    await enqueue(request(1), request(2), request(3));
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received).toHaveLength(0);
    expect((await queuedMail(t.ds)).map((m) => m.status)).toEqual(['queued', 'queued', 'queued']);
    const restarted = start();
    await smtp.waitFor(3);
    await restarted.stop();
    start(); // and a second restart sends nothing again
    await new Promise((r) => setTimeout(r, 400));
    expect(smtp.received.map((m) => m.subject).sort()).toEqual(['Итоги конкурса №1', 'Итоги конкурса №2', 'Итоги конкурса №3']);
  });

  it('lets a message being sent finish when the mailer stops, so the next start does not send it again', async () => {
    await smtp.close();
    smtp = await startTestSmtpServer({ delayMs: 400 }); // a slow server: the message is mid-send when the stop comes
    const mailer = start();
    await enqueue(request(1));
    await eventually(async () => expect((await queuedMail(t.ds))[0].attempts).toBe(1));
    await mailer.stop();
    expect(await queuedMail(t.ds)).toMatchObject([{ status: 'sent' }]);
    start();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(1);
  });

  it('takes a message over from a process that died while sending it once its lease ran out, and sends it once', async () => {
    await enqueue(request(1));
    const [taken] = await claimDueMail(t.ds, 10, 300); // the process that took it never comes back
    expect(taken.attempts).toBe(1);
    start();
    await new Promise((r) => setTimeout(r, 150));
    expect(smtp.received).toHaveLength(0); // still reserved
    await smtp.waitFor(1);
    await eventually(async () => expect(await queuedMail(t.ds)).toMatchObject([{ status: 'sent', attempts: 2 }]));
  });

  it('takes at most a batch of due messages at a time, and never one that another claim holds', async () => {
    await enqueue(...Array.from({ length: 12 }, (_, i) => request(i + 1)));
    const first = await claimDueMail(t.ds, 5, 60_000);
    const second = await claimDueMail(t.ds, 5, 60_000);
    const third = await claimDueMail(t.ds, 5, 60_000);
    expect([first.length, second.length, third.length]).toEqual([5, 5, 2]);
    expect(new Set([...first, ...second, ...third].map((m) => m.id)).size).toBe(12);
    expect(await claimDueMail(t.ds, 5, 60_000)).toEqual([]);
  });

  it('sends nothing for a rolled-back transaction', async () => {
    start();
    await expect(t.ds.transaction(async (m) => {
      await enqueueMail(m, request(1));
      throw new Error('the action failed');
    })).rejects.toThrow('the action failed');
    await enqueue(request(2));
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.map((m) => m.subject)).toEqual(['Итоги конкурса №2']);
    expect(await queuedMail(t.ds, { idempotencyKey: 'test:1' })).toEqual([]);
  });

  it('enqueues a message once per idempotency key', async () => {
    const first = await t.ds.transaction((m) => enqueueMail(m, request(1)));
    const again = await t.ds.transaction((m) => enqueueMail(m, request(1, { content: { subject: 'другое', text: 'x', html: 'x' } })));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await queuedMail(t.ds)).toMatchObject([{ id: first.id, subject: 'Итоги конкурса №1' }]);
  });

  it('with two mailers on one database, each with its own connections (as two processes), delivers each message exactly once', async () => {
    const second = new DataSource(t.ds.options);
    await second.initialize();
    await smtp.close();
    smtp = await startTestSmtpServer({ delayMs: 20 }); // a round takes a while, so both mailers find work
    try {
      const sentBy = [0, 0];
      start(smtp.url, { batchSize: 5, concurrency: 2, onOutcome: (o) => void (o === 'sent' && sentBy[0]++) });
      mailers.push(startMailer({ dataSource: second, config: { smtpUrl: smtp.url, mailFrom: FROM }, ...FAST, batchSize: 5, concurrency: 2, onOutcome: (o) => void (o === 'sent' && sentBy[1]++) }));
      const many = Array.from({ length: 40 }, (_, i) => request(i + 1));
      await enqueue(...many);
      const received = await smtp.waitFor(40);
      await new Promise((r) => setTimeout(r, 400));
      expect(smtp.received).toHaveLength(40);
      const ids = received.map((m) => m.headers.get('x-laureate-message'));
      expect(new Set(ids).size).toBe(40);
      await eventually(async () => expect((await queuedMail(t.ds, { status: 'sent' })).length).toBe(40));
      expect((await queuedMail(t.ds)).every((m) => m.attempts === 1)).toBe(true);
      expect(sentBy[0] + sentBy[1]).toBe(40);
      expect(Math.min(...sentBy)).toBeGreaterThan(0); // both took part
    } finally {
      await Promise.all(mailers.splice(0).map((m) => m.stop()));
      await second.destroy();
    }
  });

  it('without a mail server, keeps every message readable as not sent', async () => {
    useMailSettings({ smtpUrl: null, from: FROM });
    await enqueue(request(1));
    expect(await queuedMail(t.ds)).toMatchObject([{ status: 'not_sent', attempts: 0, subject: 'Итоги конкурса №1', text: 'Здравствуйте, 1!\n', html: '<p>Здравствуйте, 1!</p>' }]);
  });

  it('without a mail server, the mailer keeps messages left queued (from a run with one) as not sent', async () => {
    await enqueue(request(1)); // queued while a server was configured
    start(null);
    await eventually(async () => expect(await queuedMail(t.ds)).toMatchObject([{ status: 'not_sent', attempts: 0 }]));
    expect(smtp.received).toHaveLength(0);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
