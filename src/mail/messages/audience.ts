import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** What the messages share: who the officers are, a cycle's head, how a message about many rows is keyed. */

/**
 * The active officers of the given municipalities, by municipality. An inactive officer receives nothing
 * (mailUser refuses them too; asking only for active ones keeps the loops short).
 */
export async function activeOfficers(m: EntityManager, municipalityIds: readonly number[]): Promise<Map<number, number[]>> {
  if (!municipalityIds.length) return new Map();
  const rows: Array<{ id: number; municipalityId: number }> = await m.query(
    `SELECT id, municipality_id AS "municipalityId" FROM app_user WHERE role = 'officer' AND active AND municipality_id = ANY($1::int[]) ORDER BY id`,
    [[...new Set(municipalityIds)]],
  );
  return new Map([...groupBy(rows, (r) => r.municipalityId)].map(([municipalityId, officers]) => [municipalityId, officers.map((o) => o.id)]));
}

/**
 * A short, stable name for a set of row ids, for an idempotency key: the same rows (the same event heard
 * again) give the same key, and rows inserted by a later action, having new ids, a new one.
 */
export function idsKey(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length <= 4) return sorted.join('.');
  return `${sorted.length}x${createHash('sha256').update(sorted.join(',')).digest('hex').slice(0, 20)}`;
}

/** A cycle's name and the slug of its public pages. */
export async function cycleHead(m: EntityManager, cycleId: number): Promise<{ name: string; slug: string } | undefined> {
  const [row]: Array<{ name: string; slug: string }> = await m.query(`SELECT name, slug FROM cycle WHERE id = $1`, [cycleId]);
  return row;
}

/** Rows grouped by a key, in the order they came. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}
