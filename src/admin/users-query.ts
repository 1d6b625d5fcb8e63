import type { EntityManager } from 'typeorm';
import { ROLES, type Role } from '../auth/user.entity';

export interface UserRow {
  id: number;
  email: string;
  fullName: string;
  role: Role;
  municipalityId: number | null;
  municipalityName: string | null;
  institution: string | null;
  active: boolean;
  hasPassword: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
}

const SELECT = `SELECT u.id, u.email, u.full_name, u.role, u.municipality_id, m.name AS municipality_name, u.institution,
                       u.active, (u.password_hash IS NOT NULL) AS has_password, u.locked_until, u.last_login_at
                  FROM app_user u LEFT JOIN municipality m ON m.id = u.municipality_id`;

const toRow = (r: Record<string, unknown>): UserRow => ({
  id: r.id as number,
  email: r.email as string,
  fullName: r.full_name as string,
  role: r.role as Role,
  municipalityId: r.municipality_id as number | null,
  municipalityName: r.municipality_name as string | null,
  institution: r.institution as string | null,
  active: r.active as boolean,
  hasPassword: r.has_password as boolean,
  lockedUntil: r.locked_until as Date | null,
  lastLoginAt: r.last_login_at as Date | null,
});

export interface UserFilter {
  role?: Role;
  municipalityId?: number;
  /** part of a name, an address, a municipality or an institution, without case */
  q?: string;
}

/**
 * One page of the users a filter finds, in the list's order (role, name), and how many it finds in all.
 * Two small queries: 3,000 people are counted and sorted in a few milliseconds, and only a page is sent.
 */
export async function listUsers(manager: EntityManager, filter: UserFilter, page: number, size: number): Promise<{ rows: UserRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.role && ROLES.includes(filter.role)) {
    params.push(filter.role);
    where.push(`u.role = $${params.length}`);
  }
  if (filter.municipalityId) {
    params.push(filter.municipalityId);
    where.push(`u.municipality_id = $${params.length}`);
  }
  if (filter.q) {
    params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const p = `$${params.length}`;
    where.push(`(u.full_name ILIKE ${p} OR u.email ILIKE ${p} OR m.name ILIKE ${p} OR u.institution ILIKE ${p})`);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM app_user u LEFT JOIN municipality m ON m.id = u.municipality_id ${whereSql}`, params);
  const rows = await manager.query(`${SELECT} ${whereSql} ORDER BY u.role, u.full_name, u.id LIMIT ${size} OFFSET ${(page - 1) * size}`, params);
  return { rows: rows.map(toRow), total };
}

export async function getUser(manager: EntityManager, id: number): Promise<UserRow | null> {
  const rows = await manager.query(`${SELECT} WHERE u.id = $1`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
}

export async function listMunicipalities(manager: EntityManager): Promise<Array<{ id: number; name: string }>> {
  return manager.query(`SELECT id, name FROM municipality ORDER BY name`);
}
