import type { EntityManager } from 'typeorm';
import type { SessionUser } from './session-user';

/** One query per request: the active person with their municipality's name, or null. */
export async function loadSessionUser(manager: EntityManager, id: number): Promise<SessionUser | null> {
  if (!Number.isSafeInteger(id)) return null;
  const rows = await manager.query(
    `SELECT u.id, u.email, u.full_name, u.role, u.municipality_id, m.name AS municipality_name, u.institution
       FROM app_user u LEFT JOIN municipality m ON m.id = u.municipality_id
      WHERE u.id = $1 AND u.active`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    email: r.email,
    fullName: r.full_name,
    role: r.role,
    municipalityId: r.municipality_id,
    municipalityName: r.municipality_name,
    institution: r.institution,
  };
}

/** Ends every login session of a person, in every app process (sessions live in PostgreSQL). */
export async function endSessionsOf(manager: EntityManager, userId: number): Promise<void> {
  await manager.query(`DELETE FROM session WHERE (sess -> 'passport' ->> 'user') = $1`, [String(userId)]);
}
