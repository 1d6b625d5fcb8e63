import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { publish } from '../domain-events/bus';
import { PUBLIC_STATUSES } from '../results/cycle-lock';
import { statusIn } from '../nominations/statuses';
import { fullName } from '../text/normalise';
import type { Event } from './event.entity';
import { Registration } from './registration.entity';
import { newRegistrationToken } from './registration-links';
import { REGISTRATION_INITIAL, registrationStatusIn } from './registration-statuses';
import type { InvitationInput, RegistrationInput } from './registration-form';

/** Letters a person's address may be sent by the public form in an hour, whatever is typed into it. */
export const MAILS_PER_ADDRESS_PER_HOUR = 3;

/** The active registration of an address for an event, locked (the unique index allows one). */
function activeByEmail(m: EntityManager, eventId: number, email: string): Promise<Registration | null> {
  return m
    .createQueryBuilder(Registration, 'r')
    .setLock('pessimistic_write')
    .where(`r.event_id = :eventId AND r.email = :email AND ${registrationStatusIn('active')}`, { eventId, email })
    .getOne();
}

/** Has the public form already mailed this address as often as an hour allows? (Someone may type another's address.) */
async function mailedEnough(m: EntityManager, email: string): Promise<boolean> {
  const [row] = await m.query(
    `SELECT count(*)::int AS n FROM mail_message
      WHERE lower(to_email) = $1 AND kind IN ('event_confirm', 'event_already_registered') AND created_at > now() - interval '1 hour'`,
    [email],
  );
  return row.n >= MAILS_PER_ADDRESS_PER_HOUR;
}

/**
 * The public form's registration (double opt-in): a new one is 'pending' and the address is sent a link to
 * confirm it. The same address again while active learns nothing on the page: a pending one is sent a new link,
 * a confirmed or waiting (or invited) one a letter with a new personal link. The caller checked the window.
 * A concurrent duplicate fails on the unique index: the caller answers it like any other.
 */
export async function register(m: EntityManager, event: Event, input: RegistrationInput, language: string, now: Date): Promise<void> {
  const existing = await activeByEmail(m, event.id, input.email);
  const quiet = await mailedEnough(m, input.email);
  const { token, tokenHash } = newRegistrationToken();
  if (existing) {
    if (quiet) return;
    await m.update(Registration, { id: existing.id }, { tokenHash });
    const name = existing.status === REGISTRATION_INITIAL.selfService ? 'registration.requested' : 'registration.repeated';
    await publish(m, name, { registrationId: existing.id, eventId: event.id, token, at: now });
    return;
  }
  const saved = await m.save(
    Registration,
    m.create(Registration, { ...input, eventId: event.id, status: REGISTRATION_INITIAL.selfService, tokenHash, consentAt: now, language }),
  );
  if (!quiet) await publish(m, 'registration.requested', { registrationId: saved.id, eventId: event.id, token, at: now });
}

export type InviteResult = { ok: true; id: number } | { ok: false; alreadyRegistered: true };

/** The organiser invites one person (any admitted type, invite-only ones too): 'invited', mailed a link to accept. */
export async function invitePerson(m: EntityManager, event: Event, input: InvitationInput, actorId: number, language: string, now: Date): Promise<InviteResult> {
  if (await activeByEmail(m, event.id, input.email)) return { ok: false, alreadyRegistered: true };
  const id = await insertInvitation(m, event, { ...input, invitedById: actorId, language }, actorId, now);
  await recordAudit(m, { actorId, entity: 'registration', entityId: id, action: 'registration.invited', data: { eventId: event.id, type: input.participantType } });
  return { ok: true, id };
}

async function insertInvitation(m: EntityManager, event: Event, values: Partial<Registration>, actorId: number, now: Date): Promise<number> {
  const { token, tokenHash } = newRegistrationToken();
  // the consent is asked again when the invitation is accepted (the time is then renewed)
  const saved = await m.save(Registration, m.create(Registration, { ...values, eventId: event.id, status: REGISTRATION_INITIAL.invitation, tokenHash, consentAt: now }));
  await publish(m, 'registration.invited', { registrationId: saved.id, eventId: event.id, token, actorId, at: now });
  return saved.id;
}

export type LaureateInvitations =
  | { ok: true; invited: number; already: number; withoutEmail: string[] }
  | { ok: false; problem: 'noCycle' | 'notPublished' | 'laureateNotAdmitted' };

/**
 * Every winner of the event's cycle (published results) invited as «лауреат», the registration prefilled from
 * the nominee. Twice invites no one twice: a winner whose nomination already has a registration for the event
 * (in any status), or whose address has an active one, is counted as already invited. A winner with no
 * address cannot be mailed and is listed. The caller holds the event's lock.
 */
export async function inviteLaureates(m: EntityManager, event: Event, actorId: number, now: Date): Promise<LaureateInvitations> {
  if (!event.cycleId) return { ok: false, problem: 'noCycle' };
  if (!event.participantTypes.some((p) => p.type === 'laureate')) return { ok: false, problem: 'laureateNotAdmitted' };
  const [cycle] = await m.query(`SELECT c.status, r.name AS region FROM cycle c JOIN region r ON r.id = c.region_id WHERE c.id = $1`, [event.cycleId]);
  if (!cycle || !PUBLIC_STATUSES.includes(cycle.status)) return { ok: false, problem: 'notPublished' };
  const winners: Array<{ nominationId: number; lastName: string; firstName: string; patronymic: string; email: string; institution: string; position: string; specialty: string; municipalityId: number; invited: boolean }> = await m.query(
    `SELECT n.id AS "nominationId", ne.last_name AS "lastName", ne.first_name AS "firstName", ne.patronymic, lower(trim(ne.email)) AS email,
            ne.institution, ne.position, ne.specialty, ne.municipality_id AS "municipalityId",
            EXISTS (SELECT 1 FROM registration r WHERE r.event_id = $2 AND r.nomination_id = n.id) AS invited
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id
      WHERE n.cycle_id = $1 AND ${statusIn('awarded')}
      ORDER BY ne.last_name, ne.first_name, n.id`,
    [event.cycleId, event.id],
  );
  let invited = 0;
  let already = 0;
  const withoutEmail: string[] = [];
  for (const w of winners) {
    if (w.invited) already++;
    else if (!w.email) withoutEmail.push(fullName(w));
    else if (await activeByEmail(m, event.id, w.email)) already++;
    else {
      await insertInvitation(
        m,
        event,
        {
          lastName: w.lastName, firstName: w.firstName, patronymic: w.patronymic, email: w.email, organisation: w.institution, position: w.position,
          specialty: w.specialty, region: cycle.region, municipalityId: w.municipalityId, participantType: 'laureate', nominationId: w.nominationId,
          invitedById: actorId, language: 'ru',
        },
        actorId,
        now,
      );
      invited++;
    }
  }
  await recordAudit(m, { actorId, entity: 'event', entityId: event.id, action: 'event.laureatesInvited', data: { cycleId: event.cycleId, invited, already, withoutEmail: withoutEmail.length } });
  return { ok: true, invited, already, withoutEmail };
}
