import type { EntityManager } from 'typeorm';

/** Kinds of things the log speaks about, offered in the filter; events of other kinds still show. */
export const AUDIT_ENTITIES = ['nomination', 'cycle', 'category', 'user', 'criterion', 'panel', 'assignment', 'scorecard', 'result', 'certificate'] as const;

/** Events are counted up to this many; past it the page says «more than» instead of counting the whole log. */
export const AUDIT_COUNT_CAP = 10_000;

export interface AuditFilter {
  cycleId?: number;
  entity?: string;
  /** events by any of these people (one, or those a person search found) */
  actorIds?: number[];
  /** from this instant (inclusive) to that one (exclusive): whole days of the region's calendar */
  from?: Date;
  to?: Date;
}

/**
 * A place in the log, newest first: an event's instant in whole microseconds since 1970 (what PostgreSQL
 * stores, exactly; a JavaScript Date would round it to milliseconds) and its id, which orders events of one instant.
 */
export interface AuditCursor {
  atMicros: string;
  id: string;
}

/** The page asked for: the newest events, those just older than a cursor, or those just newer than it. */
export type AuditPosition = { before?: AuditCursor; after?: AuditCursor };

export interface AuditRow {
  id: string;
  at: Date;
  /** where this event is in the log, for the links to the pages before and after it */
  atMicros: string;
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

/**
 * The entity id as an integer where it is one (ids are kept as text, since a few kinds of things may have
 * other keys): compared with nomination.id as integers, the nomination's primary key finds each shown
 * event's nomination, where `n.id::text = e.entity_id` could use no index and read the whole nomination table.
 */
const ENTITY_INT = `(CASE WHEN e.entity_id ~ '^[0-9]{1,9}$' THEN e.entity_id::int END)`;

const COLUMNS = `SELECT e.id, e.at, (extract(epoch FROM e.at) * 1000000)::bigint::text AS "atMicros",
                        e.actor_id AS "actorId", u.full_name AS "actorName", e.cycle_id AS "cycleId", e.entity,
                        e.entity_id AS "entityId", e.action, e.from_state AS "fromState", e.to_state AS "toState", e.reason,
                        (e.entity = 'nomination' AND n.id IS NULL) AS gone`;
/**
 * The name of who acted and whether the nomination is still there, looked up by key for each row of the page
 * (LIMIT 1 keeps PostgreSQL from turning the lookups into a join that reads every person and nomination).
 */
const JOINS = `LEFT JOIN LATERAL (SELECT u.full_name FROM app_user u WHERE u.id = e.actor_id LIMIT 1) u ON true
               LEFT JOIN LATERAL (SELECT n.id FROM nomination n WHERE e.entity = 'nomination' AND n.id = ${ENTITY_INT} LIMIT 1) n ON true`;

/** The conditions of a filter, numbered from $1, and their values. */
class Conditions {
  readonly params: unknown[] = [];
  private readonly where: string[] = [];
  /** the placeholder of several people's ids, whose events are read one person at a time */
  private people: string | null = null;

  constructor(filter: AuditFilter) {
    if (filter.cycleId) this.add((p) => `e.cycle_id = ${p}`, filter.cycleId);
    if (filter.entity) this.add((p) => `e.entity = ${p}`, filter.entity);
    if (filter.actorIds?.length === 1) this.add((p) => `e.actor_id = ${p}`, filter.actorIds[0]);
    else if (filter.actorIds) {
      this.params.push(filter.actorIds);
      this.people = `$${this.params.length}`;
      this.where.push('e.actor_id = who.id');
    }
    if (filter.from) this.add((p) => `e.at >= ${p}`, filter.from);
    if (filter.to) this.add((p) => `e.at < ${p}`, filter.to);
  }

  add(condition: (placeholder: string) => string, value: unknown): this {
    this.params.push(value);
    this.where.push(condition(`$${this.params.length}`));
    return this;
  }

  /** Events on one side of a cursor: `<` older, `>` newer; a row comparison, so it is a range of the (…, at, id) indexes. */
  beyond(side: '<' | '>', c: AuditCursor): this {
    this.params.push(c.atMicros, c.id);
    const n = this.params.length;
    this.where.push(`(e.at, e.id) ${side} ('epoch'::timestamptz + $${n - 1}::bigint * interval '1 microsecond', $${n}::bigint)`);
    return this;
  }

  /**
   * `FROM … WHERE …` of the first `limit` matching events in `order`, as rows named e. Several people (a
   * search that found a few) are read as one range of the (actor, at, id) index each, at most `limit` rows
   * apiece, merged: `actor_id = ANY(…)` left PostgreSQL to walk the whole log filtering, or to fetch and sort
   * every event of those people.
   */
  events(order: string, limit: number): { from: string; where: string } {
    const where = this.where.length ? `WHERE ${this.where.join(' AND ')}` : '';
    if (!this.people) return { from: 'audit_event e', where };
    return { from: `unnest(${this.people}::int[]) AS who(id) CROSS JOIN LATERAL (SELECT * FROM audit_event e ${where} ORDER BY ${order} LIMIT ${limit}) e`, where: '' };
  }
}

const NEWEST_FIRST = 'e.at DESC, e.id DESC';
const OLDEST_FIRST = 'e.at, e.id';

export const cursorOf = (row: Pick<AuditRow, 'atMicros' | 'id'>): AuditCursor => ({ atMicros: row.atMicros, id: String(row.id) });

export interface AuditPage {
  rows: AuditRow[];
  /** the cursors for the pages of newer and of older events, null at either end of the log */
  newer: AuditCursor | null;
  older: AuditCursor | null;
}

/**
 * One page of the log, newest first, read from its cursor: an index range of `size + 1` rows whatever the
 * depth (an OFFSET read and dropped every row before the page). A page of newer events short of a full one
 * (the top of the log is near) is the newest page instead.
 */
export async function auditPage(m: EntityManager, filter: AuditFilter, at: AuditPosition, size: number): Promise<AuditPage> {
  const q = pageQuery(filter, at, size + 1);
  const found: AuditRow[] = await m.query(q.sql, q.params);
  if (at.after) {
    if (found.length <= size) return auditPage(m, filter, {}, size);
    const rows = found.slice(0, size).reverse();
    const bottom = cursorOf(rows[rows.length - 1]);
    return { rows, newer: cursorOf(rows[0]), older: (await exists(m, filter, '<', bottom)) ? bottom : null };
  }
  const rows = found.slice(0, size);
  const older = found.length > size ? cursorOf(rows[rows.length - 1]) : null;
  if (!at.before) return { rows, newer: null, older };
  // a page past the end still offers the way back to newer events
  const top = rows.length ? cursorOf(rows[0]) : at.before;
  return { rows, newer: (await exists(m, filter, '>', top)) ? top : null, older };
}

/**
 * The query of a page: `limit` events older than `before` newest first (or the newest), or newer than
 * `after` oldest first. Exported so a test can ask PostgreSQL how it reads a page (EXPLAIN).
 */
export function pageQuery(filter: AuditFilter, at: AuditPosition, limit: number): { sql: string; params: unknown[] } {
  const w = new Conditions(filter);
  if (at.after) w.beyond('>', at.after);
  else if (at.before) w.beyond('<', at.before);
  const order = at.after ? OLDEST_FIRST : NEWEST_FIRST;
  const { from, where } = w.events(order, limit);
  // the page first, then its names: the joins look up `limit` rows by key, whatever the planner guessed of the filter
  return { sql: `${COLUMNS} FROM (SELECT e.* FROM ${from} ${where} ORDER BY ${order} LIMIT ${limit}) e ${JOINS} ORDER BY ${order}`, params: w.params };
}

async function exists(m: EntityManager, filter: AuditFilter, side: '<' | '>', c: AuditCursor): Promise<boolean> {
  const w = new Conditions(filter).beyond(side, c);
  const { from, where } = w.events(side === '<' ? NEWEST_FIRST : OLDEST_FIRST, 1);
  const [row] = await m.query(`SELECT EXISTS (SELECT 1 FROM ${from} ${where}) AS found`, w.params);
  return row.found === true;
}

/**
 * How many events match, counted up to AUDIT_COUNT_CAP + 1 (null: more than the cap), and how many of them
 * are newer than a cursor (the place of a page in the list), counted the same way: each reads at most the
 * cap's worth of index entries, so a log of millions costs what one of ten thousand does.
 */
export async function auditCounts(m: EntityManager, filter: AuditFilter, newerThan: AuditCursor | null): Promise<{ total: number | null; newer: number | null }> {
  const capped = async (w: Conditions) => {
    const { from, where } = w.events(NEWEST_FIRST, AUDIT_COUNT_CAP + 1);
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} ${where} LIMIT ${AUDIT_COUNT_CAP + 1}) capped`, w.params);
    return n > AUDIT_COUNT_CAP ? null : (n as number);
  };
  const total = await capped(new Conditions(filter));
  const newer = newerThan ? await capped(new Conditions(filter).beyond('>', newerThan)) : 0;
  return { total, newer };
}

/** The whole history of one thing, oldest first (how it got to where it is). */
export async function entityHistory(m: EntityManager, entity: string, entityId: string | number): Promise<AuditRow[]> {
  return m.query(`${COLUMNS} FROM audit_event e ${JOINS} WHERE e.entity = $1 AND e.entity_id = $2 ORDER BY ${OLDEST_FIRST}`, [entity, String(entityId)]);
}

/** The cycles the log's filter offers (a handful a year). */
export async function auditCycleChoices(m: EntityManager): Promise<Array<{ id: number; name: string }>> {
  return m.query(`SELECT id, name FROM cycle ORDER BY year DESC, name, id`);
}

export interface PersonMatch {
  id: number;
  fullName: string;
  role: string;
}

/** At most this many people are offered for one search; a wider one asks for more letters. */
export const PEOPLE_SHOWN = 20;

/**
 * The people a typed name or address finds: a word of the name or the address starting with it, without
 * case. At most PEOPLE_SHOWN + 1 rows (one more says «there are more») — never the whole list of users.
 */
export async function findPeople(m: EntityManager, typed: string): Promise<PersonMatch[]> {
  const prefix = typed.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
  return m.query(
    `SELECT id, full_name AS "fullName", role FROM app_user
      WHERE full_name ILIKE $1 || '%' OR full_name ILIKE '% ' || $1 || '%' OR email ILIKE $1 || '%'
      ORDER BY full_name, id LIMIT ${PEOPLE_SHOWN + 1}`,
    [prefix],
  );
}

/** One person by id, for a filter pinned to them (a link from the search's list); null if there is no such person. */
export async function personById(m: EntityManager, id: number): Promise<PersonMatch | null> {
  const [row] = await m.query(`SELECT id, full_name AS "fullName", role FROM app_user WHERE id = $1`, [id]);
  return row ?? null;
}
