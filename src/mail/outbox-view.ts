import type { EntityManager } from 'typeorm';
import { findPeople, personById, PEOPLE_SHOWN, type PersonMatch } from '../audit/audit-queries';
import { translate, type Locale } from '../web/i18n';
import { MAIL_KINDS } from './kinds';
import { mailSettings } from './settings';
import { canMoveMail, MAIL_STATUS_LABEL_KEYS, MAIL_STATUSES, type MailStatus } from './statuses';
import {
  latestMailOf, outboxMessage, outboxNewerCount, outboxPage, outboxStatusCounts, OUTBOX_COUNT_CAP,
  type OutboxFilter, type OutboxMessage, type OutboxPosition, type OutboxRow,
} from './outbox-queries';

/** Who the outbox is filtered to: the people (and the exact address) a typed text finds, or one person pinned by id. */
export type RecipientFilter = { typed: string } | { recipientId: number } | null;

/** A message's line as people read it: labels instead of codes, a link to the recipient's page where there is one. */
export interface OutboxRowView {
  id: number;
  href: string;
  toName: string | null;
  toEmail: string;
  recipientHref: string | null;
  kindLabel: string;
  subject: string;
  status: MailStatus;
  statusLabel: string;
  attempts: number;
  lastError: string | null;
  errorCut: boolean;
  createdAt: Date;
  sentAt: Date | null;
}

const statusLabel = (locale: Locale, status: MailStatus) => translate(locale, MAIL_STATUS_LABEL_KEYS[status]);
/** A kind the catalog does not list (written by a later version) is shown by its code. */
const kindLabel = (locale: Locale, kind: string) => ((MAIL_KINDS as readonly string[]).includes(kind) ? translate(locale, `outbox.kinds.${kind}`) : kind);

/** The filter's choices: every status and every kind, by label. */
export function outboxChoices(locale: Locale): { statuses: Array<{ value: MailStatus; label: string }>; kinds: Array<{ value: string; label: string }> } {
  return {
    statuses: MAIL_STATUSES.map((value) => ({ value, label: statusLabel(locale, value) })),
    kinds: MAIL_KINDS.map((value) => ({ value, label: kindLabel(locale, value) })),
  };
}

export function outboxRowView(row: OutboxRow, locale: Locale): OutboxRowView {
  return {
    id: row.id,
    href: `/admin/outbox/${row.id}`,
    toName: row.toName,
    toEmail: row.toEmail,
    recipientHref: row.recipientUserId ? `/admin/users/${row.recipientUserId}` : null,
    kindLabel: kindLabel(locale, row.kind),
    subject: row.subject,
    status: row.status,
    statusLabel: statusLabel(locale, row.status),
    attempts: row.attempts,
    lastError: row.lastError,
    errorCut: row.errorCut,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}

export interface ResolvedRecipients {
  /** the filter's recipient part: undefined ids and address when nobody is asked for */
  filter: Pick<OutboxFilter, 'recipientIds' | 'address'>;
  /** the people a search found, offered as links that pin one of them */
  matches: PersonMatch[];
  /** what the search field shows: what was typed, or the pinned person's name */
  shown: string;
  problem: 'nobody' | 'tooMany' | null;
}

/** A typed text that is a whole address: messages sent to it are found even when no account has it now. */
const WHOLE_ADDRESS = /^[^\s@]+@[^\s@]+$/;

/**
 * The recipients a filter stands for: one query of at most PEOPLE_SHOWN + 1 people (by the start of a name or
 * an address, the audit log's search), and, for a whole address, that address itself.
 */
export async function resolveRecipients(m: EntityManager, recipient: RecipientFilter): Promise<ResolvedRecipients> {
  if (!recipient) return { filter: {}, matches: [], shown: '', problem: null };
  if ('recipientId' in recipient) {
    const one = await personById(m, recipient.recipientId);
    return { filter: { recipientIds: [recipient.recipientId] }, matches: [], shown: one?.fullName ?? '', problem: null };
  }
  const typed = recipient.typed;
  const address = WHOLE_ADDRESS.test(typed) ? typed.toLowerCase() : undefined;
  const found = await findPeople(m, typed);
  if (found.length > PEOPLE_SHOWN) return { filter: {}, matches: [], shown: typed, problem: 'tooMany' };
  const problem = found.length || address ? null : 'nobody';
  return { filter: { recipientIds: found.map((p) => p.id), address }, matches: found.length > 1 ? found : [], shown: typed, problem };
}

export interface OutboxListData {
  rows: OutboxRowView[];
  newer: number | null;
  older: number | null;
  /** each status with its count among the messages the kind and recipient filters find (null: more than the cap) */
  counts: Array<{ status: MailStatus; label: string; count: number | null; countText: string }>;
  /** «messages 51–100 of 340, newest first», or a variant when a count passes its cap */
  summary: string | null;
}

/** One page of the outbox with the counts per status and its place in the list; everything bounded by the page size and the caps. */
export async function loadOutboxList(m: EntityManager, filter: OutboxFilter, at: OutboxPosition, size: number, locale: Locale): Promise<OutboxListData> {
  const page = await outboxPage(m, filter, at, size);
  const byStatus = await outboxStatusCounts(m, { ...filter, status: undefined });
  const cap = OUTBOX_COUNT_CAP.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB');
  const counts = MAIL_STATUSES.map((status) => {
    const count = byStatus[status];
    return { status, label: statusLabel(locale, status), count, countText: count === null ? translate(locale, 'outbox.counts.many', { cap }) : String(count) };
  });
  const shown = filter.status ? [byStatus[filter.status]] : Object.values(byStatus);
  const total = shown.some((c) => c === null) ? null : shown.reduce((sum: number, c) => sum + (c as number), 0);
  const newer = page.newer && page.rows.length ? await outboxNewerCount(m, filter, page.rows[0].id) : 0;
  return {
    rows: page.rows.map((r) => outboxRowView(r, locale)),
    newer: page.newer,
    older: page.older,
    counts,
    summary: summaryOf(locale, cap, page.rows.length, newer, total),
  };
}

function summaryOf(locale: Locale, cap: string, shown: number, newer: number | null, total: number | null): string | null {
  if (!shown) return null;
  if (newer === null) return translate(locale, 'outbox.shownDeep', { count: shown, cap });
  const first = newer + 1;
  const last = newer + shown;
  if (total === null) return translate(locale, 'outbox.shownMany', { first, last, cap });
  return translate(locale, 'outbox.shown', { first, last, total });
}

export interface OutboxMessageView extends OutboxMessage {
  from: string;
  kindLabel: string;
  statusLabel: string;
  languageLabel: string;
  recipientHref: string | null;
  cycleHref: string | null;
  htmlHref: string;
  /** the admin may send it again (failed, or kept unsent) */
  canResend: boolean;
}

/** A message's page: the message as it was composed, with labels; null when there is no such message. */
export async function loadOutboxMessage(m: EntityManager, id: number, locale: Locale): Promise<OutboxMessageView | null> {
  const message = await outboxMessage(m, id);
  if (!message) return null;
  return {
    ...message,
    // messages keep no sender of their own: each goes from the address configured when it is delivered
    from: mailSettings().from,
    kindLabel: kindLabel(locale, message.kind),
    statusLabel: statusLabel(locale, message.status),
    languageLabel: translate(locale, `outbox.languages.${message.language === 'en' ? 'en' : 'ru'}`),
    recipientHref: message.recipientUserId ? `/admin/users/${message.recipientUserId}` : null,
    cycleHref: message.cycleId ? `/admin/cycles/${message.cycleId}` : null,
    htmlHref: `/admin/outbox/${message.id}/html`,
    canResend: canMoveMail('requeue', message.status),
  };
}

/** How many of a person's latest messages their page in «Пользователи» lists (the outbox has the rest). */
export const PERSON_MAIL_SHOWN = 10;

/** A person's latest messages for their page, and the link to all of theirs in the outbox. */
export async function loadPersonMail(m: EntityManager, userId: number, locale: Locale): Promise<{ rows: OutboxRowView[]; allHref: string }> {
  const rows = await latestMailOf(m, userId, PERSON_MAIL_SHOWN);
  return { rows: rows.map((r) => outboxRowView(r, locale)), allHref: `/admin/outbox?recipientId=${userId}` };
}
