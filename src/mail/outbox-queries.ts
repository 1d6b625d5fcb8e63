import type { EntityManager } from 'typeorm';
import type { MailKind } from './kinds';
import { MAIL_STATUSES, type MailStatus } from './statuses';

/** Messages are counted up to this many per status; past it the page says «more than». */
export const OUTBOX_COUNT_CAP = 10_000;

/** How much of a last error the list shows (an SMTP answer can run long; the message's page shows it whole). */
export const ERROR_SHOWN = 300;

export interface OutboxFilter {
  status?: MailStatus;
  kind?: MailKind;
  /**
   * Messages to any of these people (one pinned from their page, or those a search found) or to this exact
   * address (lower case): a recipient filter. Both unset: everyone's messages.
   */
  recipientIds?: number[];
  address?: string;
}

/** The page asked for: the newest messages, those just older than an id (`before`), or just newer (`after`). */
export type OutboxPosition = { before?: number; after?: number };

export interface OutboxRow {
  id: number;
  kind: string;
  recipientUserId: number | null;
  toEmail: string;
  toName: string | null;
  subject: string;
  status: MailStatus;
  attempts: number;
  /** the first ERROR_SHOWN characters, and whether there is more */
  lastError: string | null;
  errorCut: boolean;
  createdAt: Date;
  sentAt: Date | null;
}

/** The list's columns: never the text and HTML bodies, which only the message's own page reads. */
const COLUMNS = `e.id, e.kind, e.recipient_user_id AS "recipientUserId", e.to_email AS "toEmail", e.to_name AS "toName", e.subject,
                 e.status, e.attempts, left(e.last_error, ${ERROR_SHOWN}) AS "lastError", length(e.last_error) > ${ERROR_SHOWN} AS "errorCut",
                 e.created_at AS "createdAt", e.sent_at AS "sentAt"`;

const NEWEST_FIRST = 'e.id DESC';
const OLDEST_FIRST = 'e.id';

/** The list's rows of the ids a query picked: the page first, then its columns, looked up by key for each id. */
const rowsOf = (ids: string, order: string) => `SELECT ${COLUMNS} FROM (${ids}) p JOIN mail_message e ON e.id = p.id ORDER BY ${order}`;

/** The conditions of a filter, numbered from $1, and their values. */
class Conditions {
  readonly params: unknown[] = [];
  private readonly where: string[] = [];
  /** placeholders of the recipient filter's people and address; both null: no recipient filter */
  private readonly people: string | null = null;
  private readonly address: string | null = null;
  /** a recipient filter that stands for nobody (a search that found no one) */
  private readonly nobody: boolean;

  constructor(filter: OutboxFilter) {
    if (filter.status) this.add((p) => `e.status = ${p}`, filter.status);
    if (filter.kind) this.add((p) => `e.kind = ${p}`, filter.kind);
    if (filter.recipientIds?.length) this.people = this.placeholder(filter.recipientIds);
    if (filter.address !== undefined) this.address = this.placeholder(filter.address);
    this.nobody = filter.recipientIds !== undefined && !this.people && !this.address;
  }

  private placeholder(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: (placeholder: string) => string, value: unknown): this {
    this.where.push(condition(this.placeholder(value)));
    return this;
  }

  /** Messages on one side of an id: `<` older, `>` newer. */
  beyond(side: '<' | '>', id: number): this {
    return this.add((p) => `e.id ${side} ${p}`, id);
  }

  /**
   * The ids of the first `limit` matching messages in `order`. Without a recipient, one range of the primary
   * key or of the status or kind index. With recipients, each person's messages (their index range) and the
   * exact address's (its index range) are read apart, at most `limit` apiece, and merged: an OR of them all
   * would leave PostgreSQL to walk the whole table filtering.
   */
  ids(order: string, limit: number): string {
    const where = (extra: string) => [...this.where, extra].filter(Boolean).join(' AND ') || 'true';
    // still naming every condition: PostgreSQL must know the type of each parameter sent
    if (this.nobody) return `SELECT e.id FROM mail_message e WHERE false AND ${where('')}`;
    if (!this.people && !this.address) return `SELECT e.id FROM mail_message e WHERE ${where('')} ORDER BY ${order} LIMIT ${limit}`;
    const branches: string[] = [];
    if (this.people) {
      branches.push(
        `SELECT x.id FROM unnest(${this.people}::int[]) AS who(id)
           CROSS JOIN LATERAL (SELECT e.id FROM mail_message e WHERE ${where('e.recipient_user_id = who.id')} ORDER BY ${order} LIMIT ${limit}) x`,
      );
    }
    if (this.address) {
      branches.push(`SELECT x.id FROM (SELECT e.id FROM mail_message e WHERE ${where(`lower(e.to_email) = ${this.address}`)} ORDER BY ${order} LIMIT ${limit}) x`);
    }
    return `SELECT e.id FROM (${branches.join(' UNION ')}) e ORDER BY ${order} LIMIT ${limit}`;
  }
}

export interface OutboxPage {
  rows: OutboxRow[];
  /** the cursors for the pages of newer and of older messages, null at either end of the list */
  newer: number | null;
  older: number | null;
}

/**
 * One page of the outbox, newest first, read from its cursor: `size + 1` rows of an index range whatever the
 * depth (no OFFSET). A page of newer messages short of a full one (the top is near) is the newest page instead.
 */
export async function outboxPage(m: EntityManager, filter: OutboxFilter, at: OutboxPosition, size: number): Promise<OutboxPage> {
  const q = outboxPageQuery(filter, at, size + 1);
  const found: OutboxRow[] = await m.query(q.sql, q.params);
  if (at.after) {
    if (found.length <= size) return outboxPage(m, filter, {}, size);
    const rows = found.slice(0, size).reverse();
    const bottom = rows[rows.length - 1].id;
    return { rows, newer: rows[0].id, older: (await exists(m, filter, '<', bottom)) ? bottom : null };
  }
  const rows = found.slice(0, size);
  const older = found.length > size ? rows[rows.length - 1].id : null;
  if (!at.before) return { rows, newer: null, older };
  // a page past the end still offers the way back to newer messages
  const top = rows.length ? rows[0].id : at.before;
  return { rows, newer: (await exists(m, filter, '>', top)) ? top : null, older };
}

/**
 * The query of a page: `limit` messages older than `before` newest first (or the newest), or newer than `after`
 * oldest first. Exported so a test can ask PostgreSQL how it reads a page (EXPLAIN).
 */
export function outboxPageQuery(filter: OutboxFilter, at: OutboxPosition, limit: number): { sql: string; params: unknown[] } {
  const w = new Conditions(filter);
  if (at.after) w.beyond('>', at.after);
  else if (at.before) w.beyond('<', at.before);
  const order = at.after ? OLDEST_FIRST : NEWEST_FIRST;
  return { sql: rowsOf(w.ids(order, limit), order), params: w.params };
}

async function exists(m: EntityManager, filter: OutboxFilter, side: '<' | '>', id: number): Promise<boolean> {
  const w = new Conditions(filter).beyond(side, id);
  const [row] = await m.query(`SELECT EXISTS (${w.ids(side === '<' ? NEWEST_FIRST : OLDEST_FIRST, 1)}) AS found`, w.params);
  return row.found === true;
}

/** How many messages match, up to OUTBOX_COUNT_CAP (null: more than that). */
async function cappedCount(m: EntityManager, w: Conditions): Promise<number | null> {
  const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM (${w.ids(NEWEST_FIRST, OUTBOX_COUNT_CAP + 1)}) capped`, w.params);
  return n > OUTBOX_COUNT_CAP ? null : (n as number);
}

/**
 * The count of each status among the messages the rest of the filter (kind, recipient) finds, each capped, so
 * an outbox of a million messages costs what one of ten thousand does.
 */
export async function outboxStatusCounts(m: EntityManager, filter: OutboxFilter): Promise<Record<MailStatus, number | null>> {
  const counts = {} as Record<MailStatus, number | null>;
  for (const status of MAIL_STATUSES) counts[status] = await cappedCount(m, new Conditions({ ...filter, status }));
  return counts;
}

/** How many matching messages are newer than an id (the place of a page in the list), capped the same way. */
export async function outboxNewerCount(m: EntityManager, filter: OutboxFilter, id: number): Promise<number | null> {
  return cappedCount(m, new Conditions(filter).beyond('>', id));
}

export interface OutboxMessage extends Omit<OutboxRow, 'lastError' | 'errorCut'> {
  language: string;
  text: string;
  lastError: string | null;
  idempotencyKey: string;
  cycleId: number | null;
  cycleName: string | null;
  queuedAt: Date;
  nextAttemptAt: Date | null;
}

/** One message whole, as it was composed (null: no such message). */
export async function outboxMessage(m: EntityManager, id: number): Promise<OutboxMessage | null> {
  const [row] = await m.query(
    `SELECT e.id, e.kind, e.recipient_user_id AS "recipientUserId", e.to_email AS "toEmail", e.to_name AS "toName", e.subject, e.status,
            e.attempts, e.last_error AS "lastError", e.created_at AS "createdAt", e.sent_at AS "sentAt", e.language, e.text,
            e.idempotency_key AS "idempotencyKey", e.cycle_id AS "cycleId", c.name AS "cycleName", e.queued_at AS "queuedAt",
            e.next_attempt_at AS "nextAttemptAt"
       FROM mail_message e LEFT JOIN cycle c ON c.id = e.cycle_id WHERE e.id = $1`,
    [id],
  );
  return row ?? null;
}

/** A message's HTML alone, for the sandboxed frame of its page (null: no such message). */
export async function outboxMessageHtml(m: EntityManager, id: number): Promise<string | null> {
  const [row] = await m.query(`SELECT html FROM mail_message WHERE id = $1`, [id]);
  return row ? (row.html as string) : null;
}

/** A person's latest messages, newest first, for their page in «Пользователи». */
export async function latestMailOf(m: EntityManager, userId: number, limit: number): Promise<OutboxRow[]> {
  const w = new Conditions({ recipientIds: [userId] });
  return m.query(rowsOf(w.ids(NEWEST_FIRST, limit), NEWEST_FIRST), w.params);
}
