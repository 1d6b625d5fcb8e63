import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { User } from '../auth/user.entity';
import { EventRegistrar } from './event.entity';

/** Binding registrars to an event (the admin, on the event's page): who may check people in at its door. */

export interface RegistrarRow {
  id: number;
  fullName: string;
  email: string;
}

/** The event's registrars, by name. */
export function eventRegistrars(m: EntityManager, eventId: number): Promise<RegistrarRow[]> {
  return m.query(
    `SELECT u.id, u.full_name AS "fullName", u.email FROM event_registrar er JOIN app_user u ON u.id = er.user_id
      WHERE er.event_id = $1 ORDER BY u.full_name, u.id`,
    [eventId],
  );
}

/** Active users with the registrar role not yet bound to the event: the choices of the «Назначить» form. */
export function registrarCandidates(m: EntityManager, eventId: number): Promise<RegistrarRow[]> {
  return m.query(
    `SELECT u.id, u.full_name AS "fullName", u.email FROM app_user u
      WHERE u.role = 'registrar' AND u.active
        AND NOT EXISTS (SELECT 1 FROM event_registrar er WHERE er.event_id = $1 AND er.user_id = u.id)
      ORDER BY u.full_name, u.id LIMIT 500`,
    [eventId],
  );
}

export type BindResult = { ok: true; name: string } | { ok: false; notRegistrar: true };

/** Binds a registrar to the event; binding one already bound changes nothing (and writes no audit). */
export async function bindRegistrar(m: EntityManager, eventId: number, userId: number, actorId: number): Promise<BindResult> {
  const user = await m.findOne(User, { where: { id: userId, role: 'registrar', active: true } });
  if (!user) return { ok: false, notRegistrar: true };
  const added: unknown[] = await m.query(
    `INSERT INTO event_registrar (event_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
    [eventId, userId],
  );
  if (added.length) await recordAudit(m, { actorId, entity: 'event', entityId: eventId, action: 'event.registrarBound', data: { userId } });
  return { ok: true, name: user.fullName };
}

/** Unbinds a registrar; the name for the message, or null when they were not bound. */
export async function unbindRegistrar(m: EntityManager, eventId: number, userId: number, actorId: number): Promise<string | null> {
  // TypeORM answers a DELETE with [rows, count]
  const [removed]: [Array<{ fullName: string }>, number] = await m.query(
    `DELETE FROM event_registrar er USING app_user u WHERE er.event_id = $1 AND er.user_id = $2 AND u.id = er.user_id RETURNING u.full_name AS "fullName"`,
    [eventId, userId],
  );
  if (!removed.length) return null;
  await recordAudit(m, { actorId, entity: 'event', entityId: eventId, action: 'event.registrarUnbound', data: { userId } });
  return removed[0].fullName;
}
