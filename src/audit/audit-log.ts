import type { EntityManager } from 'typeorm';
import { auditCounts, auditPage, findPeople, personById, PEOPLE_SHOWN, type AuditCursor, type AuditFilter, type AuditPosition, type AuditRow, type PersonMatch } from './audit-queries';

/** Who the log is filtered by: people a typed name found, or one person pinned by id (a link from that list). */
export type PersonFilter = { typed: string } | { actorId: number } | null;

export interface ResolvedPeople {
  /** the events of these people (undefined: of everyone; empty: the search found nobody) */
  actorIds?: number[];
  /** the people found, offered as links that pin one of them */
  matches: PersonMatch[];
  /** the text the field shows: what was typed, or the pinned person's name */
  shown: string;
  problem: 'nobody' | 'tooMany' | null;
}

/** The people a person filter stands for: one query of at most PEOPLE_SHOWN + 1 rows. */
export async function resolvePeople(m: EntityManager, person: PersonFilter): Promise<ResolvedPeople> {
  if (!person) return { matches: [], shown: '', problem: null };
  if ('actorId' in person) {
    const one = await personById(m, person.actorId);
    return { actorIds: [person.actorId], matches: [], shown: one?.fullName ?? '', problem: null };
  }
  const found = await findPeople(m, person.typed);
  if (found.length > PEOPLE_SHOWN) return { matches: [], shown: person.typed, problem: 'tooMany' };
  return { actorIds: found.map((p) => p.id), matches: found.length > 1 ? found : [], shown: person.typed, problem: found.length ? null : 'nobody' };
}

export interface AuditLogPage {
  rows: AuditRow[];
  newer: AuditCursor | null;
  older: AuditCursor | null;
  /** 1-based places of the first and last row shown, when the count reaches them */
  first: number | null;
  last: number | null;
  /** all matching events, or null when there are more than the cap */
  total: number | null;
}

/** One page of the log and its place in it; everything bounded by the page size and the count's cap. */
export async function auditLogPage(m: EntityManager, filter: AuditFilter, at: AuditPosition, size: number): Promise<AuditLogPage> {
  if (filter.actorIds?.length === 0) return { rows: [], newer: null, older: null, first: null, last: null, total: 0 };
  const page = await auditPage(m, filter, at, size);
  const top = page.newer && page.rows.length ? { atMicros: page.rows[0].atMicros, id: String(page.rows[0].id) } : null;
  const counts = await auditCounts(m, filter, top);
  const first = counts.newer === null || !page.rows.length ? null : counts.newer + 1;
  return { ...page, first, last: first === null ? null : first + page.rows.length - 1, total: counts.total };
}
