import { useTestApp } from '../support/harness';
import { startTestSmtpServer, type TestSmtpServer } from '../support/mail';
import { approvedProgramme } from '../support/offer-fixtures';
import { startMailer, type Mailer } from '../../src/mail/mailer';
import { useMailSettings } from '../../src/mail/settings';

const FROM = 'Лауреат <no-reply@laureate.test>';

describe('the offer of a place through a real SMTP server', () => {
  const t = useTestApp();
  let smtp: TestSmtpServer;
  let mailer: Mailer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    useMailSettings({ smtpUrl: smtp.url, from: FROM });
    mailer = startMailer({ dataSource: t.ds, config: { smtpUrl: smtp.url, mailFrom: FROM }, pollMs: 50, smtpTimeoutMs: 2_000 });
  });
  afterAll(async () => {
    await mailer?.stop();
    await smtp?.close();
    useMailSettings(null);
  });

  it('delivers the offer with its Cyrillic subject and the one-time link to the doctor, and the copy to the officer', async () => {
    const w = await approvedProgramme(t.ds, { tracks: [{ name: 'Неонатология', places: 1 }], applicants: [{ prefs: [0] }] });
    const mails = await smtp.waitFor(2, 15_000);
    const offer = mails.find((m) => !Array.isArray(m.to) && m.to?.value[0].address === w.emails[0])!;
    expect(offer.subject).toMatch(/^Вам предложено место: «Неонатология» — Стажировки \d+$/);
    expect(offer.text).toMatch(/\/participation\/[A-Za-z0-9_-]{40,}/);
    expect(offer.html).toContain('/participation/');
    const copy = mails.find((m) => m !== offer)!;
    expect(!Array.isArray(copy.to) && copy.to?.value[0].address).toBe('officer@example.org');
    expect(copy.text).not.toContain('/participation/');
  });
});
