import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { ParsedMail } from 'mailparser';
import type { Translator } from '../../src/web/i18n';
import { toLocalInput } from '../../src/web/zoned-time';
import type { TestSmtpServer } from '../support/mail';
import { flash, heading, see, type Stage } from './browser';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const EVENT = {
  name: 'Педиатрия как искусство — 2026',
  slug: 'pediatriya-e2e',
  venue: 'Москва, Крокус Экспо, павильон 3',
  capacity: '2',
};

export interface Visitor {
  key: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  email: string;
}

export const VISITORS: Visitor[] = [
  { key: 'orlova', lastName: 'Орлова', firstName: 'Марина', patronymic: 'Сергеевна', email: 'orlova@clinic.test' },
  { key: 'belov', lastName: 'Белов', firstName: 'Игорь', patronymic: 'Петрович', email: 'belov@clinic.test' },
  { key: 'zaytseva', lastName: 'Зайцева', firstName: 'Ольга', patronymic: 'Андреевна', email: 'zaytseva@clinic.test' },
];

export const REGISTRAR = { fullName: 'Анна Регистраторова', email: 'door@laureate.test', password: 'дверь-открыта-2026' };

export const addressOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;

/**
 * The letter with this subject to this address, as the real SMTP server received it (waits for it: the mailer
 * polls the queue). Letters are composed with the process's BASE_URL, not this server's port: callers follow
 * the path of a link only.
 */
export async function letter(smtp: TestSmtpServer, to: string, subject: string, timeoutMs = 20_000): Promise<ParsedMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = smtp.received.find((m) => addressOf(m) === to && m.subject === subject);
    if (found) return found;
    if (Date.now() > until) {
      const seen = smtp.received.map((m) => `${addressOf(m)}: ${m.subject}`).join('\n  ');
      throw new Error(`no letter «${subject}» to ${to} arrived in ${timeoutMs} ms; the server has:\n  ${seen || '(nothing)'}`);
    }
    await smtp.waitFor(smtp.received.length + 1, Math.max(1, until - Date.now())).catch(() => undefined);
  }
}

/** The path of the first link in a letter's text that matches `pattern` (a path pattern, e.g. /\/events\/[^\s]+/). */
export function linkIn(mail: ParsedMail, pattern: RegExp): string {
  const text = mail.text ?? '';
  const url = new RegExp(`https?://[^\\s/]+(${pattern.source})`).exec(text);
  if (!url) throw new Error(`the letter «${mail.subject}» carries no link like ${pattern}:\n${text}`);
  return url[1];
}

/** The admin's side: the event form, the registrar's account and binding, and the certificates afterwards. */
export class Organiser {
  eventId = 0;
  constructor(private readonly stage: Stage, readonly page: Page, private readonly t: Translator, private readonly tz: string) {}

  /** Starts within the hour (the door opens 24 h before), registration open since yesterday until the end. */
  async createEvent(): Promise<void> {
    const { page, t, tz } = this;
    await this.stage.step('admin-creates-event', page, async () => {
      await page.goto('/admin/events');
      await heading(page, t('events.admin.title'));
      await page.getByRole('button', { name: t('events.admin.new') }).click();
      await heading(page, t('events.admin.new'));
      await page.locator('#name').fill(EVENT.name);
      await page.locator('#slug').fill(EVENT.slug);
      await page.locator('#startsAt').fill(toLocalInput(new Date(Date.now() + 50 * MINUTE), tz));
      await page.locator('#endsAt').fill(toLocalInput(new Date(Date.now() + 8 * HOUR), tz));
      await page.locator('#registrationOpensAt').fill(toLocalInput(new Date(Date.now() - 24 * HOUR), tz));
      await page.locator('#registrationClosesAt').fill(toLocalInput(new Date(Date.now() + 7 * HOUR), tz));
      await page.locator('#format').selectOption('in_person');
      await page.locator('#capacity').fill(EVENT.capacity);
      await page.locator('#venue').fill(EVENT.venue);
      await page.locator('#type_doctor_admitted').check();
      await page.locator('#type_doctor_mode_self').check();
      await page.locator('#published').check();
      await page.getByRole('button', { name: t('events.admin.create') }).click();
      await flash(page, t('events.admin.created'));
      await heading(page, EVENT.name);
      const id = /\/admin\/events\/(\d+)/.exec(page.url())?.[1];
      if (!id) throw new Error(`after «${t('events.admin.create')}» the admin is not on the event's page`);
      this.eventId = Number(id);
    });
  }

  /** «Пользователи» → invite a registrar: the page shows the one-time link, returned as a path. */
  async inviteRegistrar(): Promise<string> {
    const { page, t } = this;
    return this.stage.step('admin-invites-registrar', page, async () => {
      await page.goto('/admin/users/new');
      await heading(page, t('admin.users.invite'));
      await page.locator('#email').fill(REGISTRAR.email);
      await page.locator('#fullName').fill(REGISTRAR.fullName);
      await page.locator('#role').selectOption('registrar');
      await page.getByRole('button', { name: t('admin.users.createInvite') }).click();
      await heading(page, t('admin.users.invited'));
      return new URL(await page.locator('#invite-link').inputValue()).pathname;
    });
  }

  async bindRegistrar(): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-binds-registrar', page, async () => {
      await page.goto(`/admin/events/${this.eventId}`);
      await page.getByLabel(t('checkin.admin.registrar'), { exact: true }).selectOption({ label: `${REGISTRAR.fullName} (${REGISTRAR.email})` });
      await page.getByRole('button', { name: t('checkin.admin.bind'), exact: true }).click();
      await flash(page, t('checkin.admin.bound', { name: REGISTRAR.fullName }));
      await see(page.locator('#event-registrars').getByText(REGISTRAR.fullName));
    });
  }

  /** The event has begun: its start moved to a minute ago through the edit form (certificates need a started event). */
  async startNow(): Promise<void> {
    const { page, t, tz } = this;
    await this.stage.step('admin-moves-start-to-now', page, async () => {
      await page.goto(`/admin/events/${this.eventId}`);
      await page.getByRole('button', { name: t('events.admin.edit'), exact: true }).click();
      await heading(page, t('events.admin.editTitle', { name: EVENT.name }));
      await page.locator('#startsAt').fill(toLocalInput(new Date(Date.now() - MINUTE), tz));
      await page.getByRole('button', { name: t('events.admin.save') }).click();
      await flash(page, t('events.admin.saved'));
    });
  }

  async issueCertificates(count: number): Promise<void> {
    const { page, t } = this;
    await this.stage.step('admin-issues-certificates', page, async () => {
      await page.goto(`/admin/events/${this.eventId}`);
      await page.getByRole('button', { name: t('eventsAfter.admin.issue') }).click();
      const done = t('eventsAfter.issue.done', { count, first: '§', last: '§' }).split('§')[0];
      await flash(page, done);
    });
  }
}

/** A visitor at their own browser: registers, confirms by the mailed link, downloads the badge, cancels. */
export class Registrant {
  /** the personal page's path, from the letters */
  path = '';
  constructor(private readonly stage: Stage, readonly page: Page, private readonly t: Translator, readonly who: Visitor, private readonly smtp: TestSmtpServer) {}

  async register(): Promise<void> {
    const { page, t, who } = this;
    await this.stage.step(`${who.key}-registers`, page, async () => {
      await page.goto(`/events/${EVENT.slug}`);
      await heading(page, EVENT.name);
      await page.locator('#lastName').fill(who.lastName);
      await page.locator('#firstName').fill(who.firstName);
      await page.locator('#patronymic').fill(who.patronymic);
      await page.locator('#email').fill(who.email);
      await page.locator('#phone').fill('+7 900 123-45-67');
      await page.locator('#organisation').fill('ГБУЗ МО «Детская больница»');
      await page.locator('#position').fill('Врач-педиатр участковый');
      await page.locator('#specialty').fill('Педиатрия');
      await page.locator('#municipality').selectOption({ index: 1 });
      await page.locator('#participantType').selectOption('doctor');
      await page.locator('#consent').check();
      await page.getByRole('button', { name: t('events.public.submit') }).click();
      await heading(page, t('events.checkMail.title'));
    });
  }

  /** Opens the link from «Подтвердите регистрацию», presses the button, and sees the status (and the number). */
  async confirm(status: 'confirmed' | 'waiting', number: number): Promise<void> {
    const { page, t, who } = this;
    const mail = await letter(this.smtp, who.email, t('mail.event_confirm.subject', { eventName: EVENT.name }));
    this.path = linkIn(mail, /\/events\/[\w-]+\/r\/[\w-]+/);
    await this.stage.step(`${who.key}-confirms-by-mailed-link`, page, async () => {
      await page.goto(this.path);
      await heading(page, t('events.registrant.title'));
      await page.getByRole('button', { name: t('events.registrant.confirm') }).click();
      await see(page.locator('#status').getByText(t(`events.status.${status}`), { exact: true }));
      await see(page.locator('#registration-number').getByText(String(number), { exact: true }));
      await see(page.getByText(t(status === 'confirmed' ? 'events.registrant.seated' : 'events.registrant.waiting')));
    });
  }

  /** «Скачать бейдж (PDF)»: a PDF whose text holds the surname. */
  async downloadBadge(): Promise<void> {
    const { page, t, who } = this;
    await this.stage.step(`${who.key}-downloads-badge`, page, async () => {
      const link = page.getByRole('button', { name: t('checkin.badge.download') });
      await see(link);
      const res = await page.request.get((await link.getAttribute('href'))!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toMatch(/^application\/pdf/);
      const body = await res.body();
      expect(body.subarray(0, 5).toString()).toBe('%PDF-');
      const file = path.join(this.stage.dir, `${who.key}-badge.pdf`);
      fs.writeFileSync(file, body);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text.toLocaleLowerCase('ru')).toContain(who.lastName.toLocaleLowerCase('ru'));
    });
  }

  /** The QR image of the personal page, as a data: URL (what a camera would see on the phone's screen). */
  async qrImage(): Promise<string> {
    const res = await this.page.request.get(`${this.path}/qr.png`);
    expect(res.status()).toBe(200);
    return `data:image/png;base64,${(await res.body()).toString('base64')}`;
  }

  async cancel(): Promise<void> {
    const { page, t, who } = this;
    await this.stage.step(`${who.key}-cancels`, page, async () => {
      await page.goto(this.path);
      await page.getByRole('button', { name: t('events.registrant.cancel') }).click();
      await see(page.locator('#status').getByText(t('events.status.cancelled'), { exact: true }));
    });
  }

  /** After the letter «Место освободилось», the personal page shows the place and the badge. */
  async seesMovedUp(number: number): Promise<void> {
    const { page, t, who } = this;
    await letter(this.smtp, who.email, t('mail.event_promoted.subject', { eventName: EVENT.name }));
    await this.stage.step(`${who.key}-sees-moved-up`, page, async () => {
      await page.goto(this.path);
      await see(page.locator('#status').getByText(t('events.status.confirmed'), { exact: true }));
      await see(page.locator('#registration-number').getByText(String(number), { exact: true }));
      await see(page.getByText(t('events.registrant.seated')));
      await see(page.getByRole('button', { name: t('checkin.badge.download') }));
    });
  }
}

type Scanner = { laureateCheckin: { scanImage(i: HTMLImageElement): string | null } };

/** The registrar (or the admin) at the door: the scanner fed a QR image, the number typed, one tap. */
export class Door {
  constructor(private readonly stage: Stage, readonly page: Page, private readonly t: Translator, readonly eventId: number) {}

  async open(): Promise<void> {
    const { page, t } = this;
    await page.goto('/checkin');
    await page.getByRole('link', { name: EVENT.name }).first().click();
    await page.waitForURL(`**/checkin/${this.eventId}`);
    await see(page.getByRole('button', { name: t('checkin.door.scan') }));
  }

  /** The decoder reads the image, and the page opens that person's card. Returns what the decoder read. */
  async scan(qrDataUrl: string): Promise<string | null> {
    const { page } = this;
    const [, read] = await Promise.all([
      page.waitForURL(new RegExp(`/checkin/${this.eventId}/r/\\d+$`)),
      page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return (window as unknown as Scanner).laureateCheckin.scanImage(img);
      }, qrDataUrl),
    ]);
    return read;
  }

  async find(query: string): Promise<void> {
    const { page, t } = this;
    await page.getByLabel(t('checkin.door.find'), { exact: true }).fill(query);
    await page.getByRole('button', { name: t('checkin.door.findButton'), exact: true }).click();
  }

  async cardSays(verdict: string, surname: string): Promise<void> {
    await see(this.page.locator('#door-card-heading').getByText(verdict));
    await see(this.page.locator('#door-card').getByText(surname).first());
  }

  async tapCheckIn(surname: string): Promise<void> {
    const { page, t } = this;
    await page.getByRole('button', { name: t('checkin.door.checkIn'), exact: true }).click();
    await this.cardSays(t('checkin.door.checkedIn'), surname);
  }
}
