import request from 'supertest';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { csrfOf, type Agent } from '../support/harness';
import { queuedMail } from '../support/mail';
import { toLocalInput } from '../../src/web/zoned-time';

const TZ = 'Europe/Moscow';
const HOUR = 3_600_000;
const local = (msFromNow: number) => toLocalInput(new Date(Date.now() + msFromNow), TZ);

let serial = 0;

/** The admin's event form, filled: a congress in ten days, registration open since an hour ago. */
export function eventForm(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  serial += 1;
  return {
    name: `Конгресс педиатров ${serial}`,
    slug: `congress-${serial}-${Date.now().toString(36)}`,
    description: 'Два дня докладов и мастер-классов.',
    startsAt: local(240 * HOUR),
    endsAt: local(288 * HOUR),
    format: 'in_person',
    venue: 'Москва, Краснопресненская наб., 12',
    joinUrl: '',
    capacity: '100',
    registrationOpensAt: local(-HOUR),
    registrationClosesAt: local(200 * HOUR),
    type_doctor_admitted: 'on', type_doctor_colour: '#1f6fb2', type_doctor_mode: 'self',
    type_guest_admitted: 'on', type_guest_colour: '#3a8f3a', type_guest_mode: 'self',
    type_laureate_admitted: 'on', type_laureate_colour: '#c49a00', type_laureate_mode: 'invite',
    consentText: 'Даю согласие на обработку персональных данных для регистрации на мероприятии.',
    published: 'on',
    ...over,
  };
}

/** Creates an event through the admin's form; its id and slug. */
export async function createEvent(admin: { agent: Agent; csrf: string }, over: Record<string, string | string[]> = {}): Promise<{ id: number; slug: string }> {
  const form = eventForm(over);
  const res = await admin.agent.post('/admin/events').type('form').send({ _csrf: admin.csrf, ...form });
  if (res.status !== 303) throw new Error(`event not created: ${res.status} ${(/field-error[^>]*>([^<]+)/.exec(res.text) ?? [])[1] ?? ''}`);
  return { id: Number(/\/admin\/events\/(\d+)$/.exec(res.headers.location)![1]), slug: String(form.slug) };
}

/** A visitor with a session (and so a CSRF token) from the event's public page. */
export async function visitor(app: Express, slug: string): Promise<{ agent: Agent; csrf: string }> {
  const agent = request.agent(app);
  const page = await agent.get(`/events/${slug}`);
  return { agent, csrf: csrfOf(page.text) };
}

/** The public form, filled for one person. */
export const person = (email: string, over: Record<string, string> = {}) => ({
  lastName: 'Петрова', firstName: 'Мария', patronymic: 'Ивановна', email, phone: '+7 900 123-45-67', organisation: 'ГБУЗ «Детская больница»',
  position: 'врач-педиатр', specialty: 'педиатрия', region: 'Московская область', municipality: '', municipalityText: '', participantType: 'doctor', consent: 'on',
  ...over,
});

/** The personal link of the latest letter of `kind` to `email` (as the person would click it). */
export async function linkFromMail(ds: DataSource, email: string, kind: string): Promise<string> {
  const mail = (await queuedMail(ds, { toEmail: email, kind: kind as never })).pop();
  if (!mail) throw new Error(`no ${kind} mail to ${email}`);
  const m = /https?:\/\/[^\s/]+(\/events\/[a-z0-9-]+\/r\/[A-Za-z0-9_-]+)/.exec(mail.text);
  if (!m) throw new Error(`no personal link in the ${kind} mail`);
  return m[1];
}
