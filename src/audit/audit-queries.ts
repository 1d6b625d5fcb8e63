import type { EntityManager } from 'typeorm';

/** Kinds of things the log speaks about, offered in the filter; events of other kinds still show. */
export const AUDIT_ENTITIES = ['nomination', 'cycle', 'category', 'user', 'criterion', 'panel', 'assignment', 'scorecard', 'result', 'certificate'] as const;

export interface AuditFilter {
  cycleId?: number;
  entity?: string;
  actorId?: number;
  /** from this instant (inclusive) to that one (exclusive): whole days of the region's calendar */
  from?: Date;
  to?: Date;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  cycleId: number | null;
  entity: string;
  entityId: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  /** the nomination was deleted (a draft never submitted): its events stay, its page is gone */
  gone: boolean;
}

const SELECT = `SELECT e.id, e.at, e.actor_id AS "actorId", u.full_name AS "actorName", e.cycle_id AS "cycleId", e.entity,
                       e.entity_id AS "entityId", e.action, e.from_state AS "fromState", e.to_state AS "toState", e.reason,
                       (e.entity = 'nomination' AND NOT EXISTS (SELECT 1 FROM nomination n WHERE n.id::text = e.entity_id)) AS gone
                  FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id`;

function whereOf(filter: AuditFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (filter.cycleId) add((p) => `e.cycle_id = ${p}`, filter.cycleId);
  if (filter.entity) add((p) => `e.entity = ${p}`, filter.entity);
  if (filter.actorId) add((p) => `e.actor_id = ${p}`, filter.actorId);
  if (filter.from) add((p) => `e.at >= ${p}`, filter.from);
  if (filter.to) add((p) => `e.at < ${p}`, filter.to);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** One page of the log, newest first, and how many events match in all. */
export async function auditPage(m: EntityManager, filter: AuditFilter, page: number, size: number): Promise<{ rows: AuditRow[]; total: number }> {
  const w = whereOf(filter);
  const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM audit_event e ${w.sql}`, w.params);
  const rows = await m.query(`${SELECT} ${w.sql} ORDER BY e.at DESC, e.id DESC LIMIT ${size} OFFSET ${(page - 1) * size}`, w.params);
  return { rows, total };
}

/** The whole history of one thing, oldest first (how it got to where it is). */
export async function entityHistory(m: EntityManager, entity: string, entityId: string | number): Promise<AuditRow[]> {
  return m.query(`${SELECT} WHERE e.entity = $1 AND e.entity_id = $2 ORDER BY e.at, e.id`, [entity, String(entityId)]);
}

/** Choices for the log's filters: the cycles and the people. */
export async function auditFilterChoices(m: EntityManager): Promise<{ cycles: Array<{ id: number; name: string }>; people: Array<{ id: number; fullName: string; role: string }> }> {
  const cycles = await m.query(`SELECT id, name FROM cycle ORDER BY year DESC, name, id`);
  const people = await m.query(`SELECT id, full_name AS "fullName", role FROM app_user ORDER BY full_name, id`);
  return { cycles, people };
}
