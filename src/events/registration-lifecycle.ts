import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { publish } from '../domain-events/bus';
import { Event } from './event.entity';
import { Registration } from './registration.entity';
import {
  canMoveRegistration,
  REGISTRATION_MOVES,
  registrationStatusIn,
  type RegistrationMove,
  type RegistrationStatus,
} from './registration-statuses';

export class IllegalRegistrationMove extends Error {
  constructor(readonly move: RegistrationMove, readonly from: RegistrationStatus, readonly registrationId: number) {
    super(`registration ${registrationId}: cannot ${move} from ${from}`);
  }
}

/**
 * Locks the event row: every move that takes or frees a place runs under it, so two confirmations never both
 * take the last place and numbers are given without gaps or repeats. Always locked before any registration row.
 */
export function lockEvent(m: EntityManager, eventId: number): Promise<Event | null> {
  return m.findOne(Event, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
}

export function lockRegistration(m: EntityManager, where: { id: number } | { tokenHash: string }): Promise<Registration | null> {
  return m.findOne(Registration, { where, lock: { mode: 'pessimistic_write' } });
}

/** Places taken: confirmed registrations. */
export async function seatedCount(m: EntityManager, eventId: number): Promise<number> {
  const [row] = await m.query(`SELECT count(*)::int AS n FROM registration r WHERE r.event_id = $1 AND ${registrationStatusIn('seated')}`, [eventId]);
  return row.n;
}

interface MoveInput {
  actorId: number | null;
  reason?: string | null;
  now: Date;
}

/**
 * The one place that changes a registration's status: checks the move is allowed from the status the caller
 * locked, sets it with what goes with it, and audits it in the caller's transaction (states, never the
 * person's name or address).
 */
async function moveRegistration(m: EntityManager, event: Event, r: Registration, move: RegistrationMove, input: MoveInput): Promise<RegistrationStatus> {
  if (!canMoveRegistration(move, r.status)) throw new IllegalRegistrationMove(move, r.status, r.id);
  const to = REGISTRATION_MOVES[move].to;
  const set: Partial<Registration> = { status: to };
  if (move === 'seat' || move === 'queue') {
    // the number and the badge code come with the first confirmation, a place or the waiting list alike
    event.lastNumber += 1;
    await m.update(Event, { id: event.id }, { lastNumber: event.lastNumber });
    Object.assign(set, { number: event.lastNumber, badgeCode: crypto.randomBytes(12).toString('base64url'), confirmedAt: input.now });
  }
  if (move === 'queue') set.waitingSince = input.now;
  if (move === 'cancel') set.cancelledAt = input.now;
  const done = await m.update(Registration, { id: r.id, status: r.status }, set);
  if (done.affected !== 1) throw new Error(`registration ${r.id} changed under a move: lock it first`);
  await recordAudit(m, {
    actorId: input.actorId,
    entity: 'registration',
    entityId: r.id,
    action: REGISTRATION_MOVES[move].audit,
    reason: input.reason ?? null,
    data: { eventId: event.id, from: r.status, to, number: set.number ?? r.number },
  });
  Object.assign(r, set);
  return to;
}

/**
 * The person confirmed the address (pending) or accepted the invitation (invited): a place while the
 * capacity allows, else the waiting list. The caller holds the event's lock (lockEvent) and the registration's.
 */
export async function confirmRegistration(m: EntityManager, event: Event, r: Registration, input: MoveInput & { token: string | null }): Promise<RegistrationStatus> {
  const seated = (await seatedCount(m, event.id)) < event.capacity;
  const to = await moveRegistration(m, event, r, seated ? 'seat' : 'queue', input);
  await publish(m, 'registration.placed', { registrationId: r.id, eventId: event.id, seated, promoted: false, token: input.token, at: input.now });
  return to;
}

/**
 * Cancels a registration (the person, or the organiser with a reason) and, if that freed a place, moves the
 * first of the waiting list up. The caller holds the event's lock and the registration's.
 */
export async function cancelRegistration(m: EntityManager, event: Event, r: Registration, input: MoveInput): Promise<{ promoted: number }> {
  await moveRegistration(m, event, r, 'cancel', input);
  return { promoted: await fillFreePlaces(m, event, { actorId: input.actorId, now: input.now }) };
}

/**
 * Moves the waiting list up (in the order they joined it) while places are free: after a cancellation, or when
 * the organiser raised the capacity. Each one moved up is told. The caller holds the event's lock.
 */
export async function fillFreePlaces(m: EntityManager, event: Event, input: MoveInput): Promise<number> {
  const free = event.capacity - (await seatedCount(m, event.id));
  if (free <= 0) return 0;
  const waiting = await m.query(
    `SELECT r.id FROM registration r WHERE r.event_id = $1 AND ${registrationStatusIn('waitingList')}
      ORDER BY r.waiting_since, r.id LIMIT $2 FOR UPDATE`,
    [event.id, free],
  );
  for (const { id } of waiting as Array<{ id: number }>) {
    const r = (await m.findOne(Registration, { where: { id } }))!;
    await moveRegistration(m, event, r, 'promote', input);
    await publish(m, 'registration.placed', { registrationId: r.id, eventId: event.id, seated: true, promoted: true, token: null, at: input.now });
  }
  return waiting.length;
}
