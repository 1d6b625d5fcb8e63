import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { dataSource } from '../../ormconfig';
import { translator, type Locale } from '../../src/web/i18n';
import { DEMO_PASSWORD } from '../../src/demo/people';
import { startMailer, type Mailer } from '../../src/mail/mailer';
import { useMailSettings } from '../../src/mail/settings';
import { startTestSmtpServer, type TestSmtpServer } from '../support/mail';
import { heading, launchChromium, requireChromium, see, Stage } from './browser';
import { useE2eServer } from './server';
import { signIn } from './people';
import { HAND_WRITTEN } from './award-data';
import { addressOf, Door, EVENT, letter, linkIn, Organiser, REGISTRAR, Registrant, VISITORS, type Visitor } from './event-people';
import { story } from './chapters';

jest.setTimeout(180_000);

const FROM = 'Лауреат <no-reply@laureate.test>';
const [ORLOVA, BELOV, ZAYTSEVA] = VISITORS;

/**
 * Issue 13, «Demo and proof»: an event from the admin's form to the certificate of attendance, through the pages
 * only, with the letters read from a real SMTP server and the door's scanner fed the registrant's QR image.
 */
describe.each<Locale>(['ru', 'en'])('an event end to end in a real browser, in %s', (lang) => {
  const server = useE2eServer();
  const t = translator(lang);

  // inside the server's block, so the mailer stops before the server's database closes
  describe('from registration to the certificate of attendance', () => {
    let smtp: TestSmtpServer;
    let mailer: Mailer;
    let browser: Browser;
    let stage: Stage;
    let admin: Organiser;
    let door: Door;
    const visitors = new Map<string, Registrant>();

    beforeAll(async () => {
      requireChromium();
      smtp = await startTestSmtpServer();
      useMailSettings({ smtpUrl: smtp.url, from: FROM });
      mailer = startMailer({ dataSource, config: { smtpUrl: smtp.url, mailFrom: FROM }, pollMs: 50, smtpTimeoutMs: 2_000 });
      browser = await launchChromium();
      stage = new Stage(browser, server.baseUrl, lang, `event-${lang}`);
    });
    afterAll(async () => {
      await browser?.close();
      await mailer?.stop();
      await smtp?.close();
      useMailSettings(null);
    });

    /** A visitor without an account, in the walk's language (the header's choice, kept in a cookie). */
    const visitorPage = async (): Promise<Page> => {
      const page = await stage.person();
      if (lang !== 'ru') await page.context().addCookies([{ name: 'lang', value: lang, url: server.baseUrl }]);
      return page;
    };
    const visitor = async (who: Visitor) => {
      const r = new Registrant(stage, await visitorPage(), t, who, smtp);
      visitors.set(who.key, r);
      return r;
    };
    const v = (who: Visitor) => visitors.get(who.key)!;

    // The chapters are one story: after a failed chapter the later ones fail at once, saying why.
    const chapter = story();

    chapter('the admin creates and publishes an event for two, invites a registrar and binds them to it', async () => {
      admin = new Organiser(stage, await signIn(stage, 'admin', lang), t, server.regionTz);
      await admin.createEvent();
      const invite = await admin.inviteRegistrar();
      const page = await visitorPage();
      await stage.step('registrar-sets-password', page, async () => {
        await page.goto(invite);
        await heading(page, t('auth.inviteTitle'));
        await page.locator('#password').fill(REGISTRAR.password);
        await page.locator('#passwordConfirm').fill(REGISTRAR.password);
        await page.getByRole('button', { name: t('auth.setPassword') }).click();
        await see(page.getByText(t('auth.passwordSet')));
      });
      await admin.bindRegistrar();
    });

    chapter('a visitor registers, confirms by the mailed link, gets number 1 and downloads the badge', async () => {
      const first = await visitor(ORLOVA);
      await first.register();
      await first.confirm('confirmed', 1);
      await letter(smtp, ORLOVA.email, t('mail.event_confirmed.subject', { eventName: EVENT.name }));
      await first.downloadBadge();
    });

    chapter('the second gets the last place, the third the waiting list; the first cancels and the third moves up', async () => {
      const second = await visitor(BELOV);
      await second.register();
      await second.confirm('confirmed', 2);
      const third = await visitor(ZAYTSEVA);
      await third.register();
      await third.confirm('waiting', 3);
      await letter(smtp, ZAYTSEVA.email, t('mail.event_waiting.subject', { eventName: EVENT.name }));
      await v(ORLOVA).cancel();
      await v(ZAYTSEVA).seesMovedUp(3);
    });

    chapter('at the door the registrar scans a badge’s QR code and checks the person in; a second check-in is refused', async () => {
      const page = await stage.person();
      await stage.step('registrar-signs-in', page, async () => {
        if (lang !== 'ru') await page.context().addCookies([{ name: 'lang', value: lang, url: server.baseUrl }]);
        await page.goto('/login');
        await page.locator('#email').fill(REGISTRAR.email);
        await page.locator('#password').fill(REGISTRAR.password);
        await page.getByRole('main').getByRole('button', { name: t('auth.signInButton') }).click();
        await page.waitForURL('**/checkin');
      });
      door = new Door(stage, page, t, admin.eventId);
      await stage.step('registrar-opens-door', page, () => door.open());
      const qr = await v(BELOV).qrImage();
      await stage.step('registrar-scans-belov', page, async () => {
        expect(await door.scan(qr)).toMatch(/^LAUREATE-EVENT:/);
        await door.cardSays(t('checkin.door.confirmed'), BELOV.lastName);
      });
      const cardUrl = new URL(page.url()).pathname;

      // the admin keeps the same card open at another phone: their tap comes second
      const adminDoor = await stage.person();
      await signInAs(adminDoor, 'admin@example.org');
      await adminDoor.goto(cardUrl);
      await see(adminDoor.getByRole('button', { name: t('checkin.door.checkIn'), exact: true }));

      await stage.step('registrar-checks-belov-in', page, () => door.tapCheckIn(BELOV.lastName));

      // the stale tap answers 409 (the browser logs it), so it is played outside a step and pictured by hand
      await adminDoor.getByRole('button', { name: t('checkin.door.checkIn'), exact: true }).click();
      await see(adminDoor.locator('#door-card-heading').getByText(t('checkin.door.already')));
      await see(adminDoor.locator('#door-detail').getByText(alreadyPrefix(t)));
      expect(await adminDoor.getByRole('button', { name: t('checkin.door.checkIn'), exact: true }).count()).toBe(0);
      await adminDoor.screenshot({ path: path.join(stage.dir, 'admin-second-tap-refused.png'), fullPage: true });

      await stage.step('registrar-scans-belov-again', page, async () => {
        await page.getByRole('button', { name: t('checkin.door.another') }).click();
        await see(page.getByRole('button', { name: t('checkin.door.scan') }));
        await door.scan(qr);
        await door.cardSays(t('checkin.door.already'), BELOV.lastName);
        await see(page.locator('#door-detail').getByText(REGISTRAR.fullName));
        expect(await page.getByRole('button', { name: t('checkin.door.checkIn'), exact: true }).count()).toBe(0);
      });

      await stage.step('registrar-types-number-3', page, async () => {
        await page.getByRole('button', { name: t('checkin.door.another') }).click();
        await door.find('3');
        await door.cardSays(t('checkin.door.confirmed'), ZAYTSEVA.lastName);
        await door.tapCheckIn(ZAYTSEVA.lastName);
      });

      /** Signs in through the form (no language switch: the door's words are checked on the registrar's page). */
      async function signInAs(p: Page, email: string) {
        if (lang !== 'ru') await p.context().addCookies([{ name: 'lang', value: lang, url: server.baseUrl }]);
        await p.goto('/login');
        await p.locator('#email').fill(email);
        await p.locator('#password').fill(DEMO_PASSWORD);
        await p.getByRole('main').getByRole('button', { name: t('auth.signInButton') }).click();
        await see(p.getByRole('button', { name: t('nav.signOut') }));
      }
    });

    chapter('the event begins; the admin issues certificates to those who came, and a visitor verifies one', async () => {
      await admin.startNow();
      await admin.issueCertificates(2);
      const mail = await letter(smtp, BELOV.email, t('mail.event_certificate.subject', { eventName: EVENT.name }));
      fs.writeFileSync(path.join(stage.dir, 'certificate-mail.txt'), mail.text ?? '');
      const verify = linkIn(mail, /\/verify\/[\w-]+/);
      expect(verify).toMatch(/^\/verify\/[\w-]{24}$/);
      // the other one who came in gets theirs; the one who cancelled gets none
      await letter(smtp, ZAYTSEVA.email, mail.subject!);
      expect(smtp.received.filter((m) => m.subject === mail.subject).map(addressOf).sort()).toEqual([BELOV.email, ZAYTSEVA.email].sort());

      await stage.step('belov-sees-certificate-on-own-page', v(BELOV).page, async () => {
        await v(BELOV).page.goto(v(BELOV).path);
        await see(v(BELOV).page.getByRole('button', { name: t('eventsAfter.registrant.download') }));
      });

      const page = await visitorPage();
      await stage.step('visitor-verifies-certificate', page, async () => {
        await page.goto(verify);
        await heading(page, HAND_WRITTEN[lang].valid);
        await see(page.getByText(`${BELOV.lastName} ${BELOV.firstName}`).first());
        await see(page.getByText(EVENT.name).first());
      });
    });
  });
});

/** «уже отмечен в 10:42, …»: the words before the time. */
function alreadyPrefix(t: ReturnType<typeof translator>): string {
  return t('checkin.door.alreadyText', { time: '§', registrar: '§' }).split('§')[0].trim();
}
