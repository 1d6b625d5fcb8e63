import type { EntityManager } from 'typeorm';
import type { SessionUser } from './session-user';
import { USER_COLUMNS, toSessionUser } from './session-store';

/** The active person with their municipality's name, or null (when the session store did not load it already). */
export async function loadSessionUser(manager: EntityManager, id: number): Promise<SessionUser | null> {
  if (!Number.isSafeInteger(id)) return null;
  const rows = await manager.query(`SELECT ${USER_COLUMNS} FROM app_user u LEFT JOIN municipality m ON m.id = u.municipality_id WHERE u.id = $1 AND u.active`, [id]);
  return rows[0] ? toSessionUser(rows[0]) : null;
}

/** Ends every login session of a person, in every app process (sessions live in PostgreSQL). */
export async function endSessionsOf(manager: EntityManager, userId: number): Promise<void> {
  await manager.query(`DELETE FROM session WHERE (sess -> 'passport' ->> 'user') = $1`, [String(userId)]);
}
