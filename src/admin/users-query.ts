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

export async function listUsers(manager: EntityManager, filter: { role?: Role; q?: string }): Promise<UserRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.role && ROLES.includes(filter.role)) {
    params.push(filter.role);
    where.push(`u.role = $${params.length}`);
  }
  if (filter.q) {
    params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(u.full_name ILIKE $${params.length} OR u.email ILIKE $${params.length})`);
  }
  const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.role, u.full_name, u.id`;
  return (await manager.query(sql, params)).map(toRow);
}

export async function getUser(manager: EntityManager, id: number): Promise<UserRow | null> {
  const rows = await manager.query(`${SELECT} WHERE u.id = $1`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
}

export async function listMunicipalities(manager: EntityManager): Promise<Array<{ id: number; name: string }>> {
  return manager.query(`SELECT id, name FROM municipality ORDER BY name`);
}
