import type { EntityManager } from 'typeorm';
import type { ChangeFeed } from '../db/change-feed';
import { NoticeCache, type NoticeEffect } from '../db/notice-cache';
import type { JurorProfile } from './conflict-rules';
import { categoryCriteria, jurorAssignments, jurorDocuments, jurorNomination, jurorRecusals, ownScorecard, type JurorAssignmentRow, type JurorNomination } from './juror-queries';

export interface JurorHomeRows {
  assignments: JurorAssignmentRow[];
  recusals: Awaited<ReturnType<typeof jurorRecusals>>;
}

/** What the scoring page shows once the juror confirmed no conflict. */
export interface ScoringRows {
  criteria: Awaited<ReturnType<typeof categoryCriteria>>;
  card: Awaited<ReturnType<typeof ownScorecard>>;
  documents: Awaited<ReturnType<typeof jurorDocuments>>;
}

/** One nomination as the juror's page shows it: the scoring part only once they confirmed no conflict. */
export interface JurorNominationRows {
  n: JurorNomination;
  scoring: ScoringRows | null;
}

/** The scoring part of a nomination's page, read afresh. */
export async function scoringRows(m: EntityManager, jurorId: number, n: JurorNomination): Promise<ScoringRows> {
  const [criteria, card, documents] = await Promise.all([categoryCriteria(m, n.categoryId), ownScorecard(m, jurorId, n.id), jurorDocuments(m, n.id)]);
  return { criteria, card, documents };
}

const TTL_MS = 10_000;

/**
 * The rows of the juror's two pages — the dashboard and a nomination's scoring page — kept per process:
 * a hundred jurors open them again and again during judging, and their joins are most of what the pages
 * cost. Only what a juror reads is kept; every action reads afresh inside its transaction. The database's
 * notices keep the copies right (migration JuryChangeNotices): `j` — anything these pages show changed
 * (an assignment, a scorecard, a recusal, a nomination, its nominee or documents, a category, its
 * criteria, a cycle), forget all;
 * `u:<id>` — that person changed (their municipality and institution decide their automatic conflicts),
 * forget theirs; `*` — a municipality was renamed, forget all. Rows hold no time: the page decides what
 * is open now.
 */
export class JurorPagesCache {
  private readonly homes: NoticeCache<number, JurorHomeRows>;
  private readonly nominations: NoticeCache<string, JurorNominationRows | null>;

  constructor(feed: ChangeFeed, ttlMs = TTL_MS) {
    this.homes = new NoticeCache(feed, (p) => effectOf(p, (id) => [id]), { ttlMs, maxEntries: 5_000 });
    this.nominations = new NoticeCache(feed, (p) => effectOf(p, (id) => this.keysOf(id)), { ttlMs, maxEntries: 20_000 });
  }

  home(m: EntityManager, juror: JurorProfile): Promise<JurorHomeRows> {
    return this.homes.get(juror.id, async () => {
      const [assignments, recusals] = await Promise.all([jurorAssignments(m, juror), jurorRecusals(m, juror.id)]);
      return { assignments, recusals };
    });
  }

  /** null when the nomination is not the juror's to see (a 404 either way). */
  nomination(m: EntityManager, juror: JurorProfile, nominationId: number): Promise<JurorNominationRows | null> {
    return this.nominations.get(`${juror.id}:${nominationId}`, async () => {
      const n = await jurorNomination(m, juror, nominationId);
      if (!n) return null;
      return { n, scoring: n.confirmed ? await scoringRows(m, juror.id, n) : null };
    });
  }

  close(): void {
    this.homes.close();
    this.nominations.close();
  }

  private keysOf(jurorId: number): string[] {
    return this.nominations.keys().filter((k) => k.startsWith(`${jurorId}:`));
  }
}

function effectOf<K>(payload: string, keysOfPerson: (id: number) => K[]): NoticeEffect<K> {
  if (payload === 'j' || payload === '*') return 'all';
  if (payload.startsWith('u:')) return keysOfPerson(Number(payload.slice(2)));
  return null; // a session changed: sessions are not part of the rows
}
