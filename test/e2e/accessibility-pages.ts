import type { DataSource } from 'typeorm';
import { urlsOf, worldOf, type World } from '../security/support';

export type Persona = 'anonymous' | 'admin' | 'officer' | 'juror';

const EMAIL = { admin: 'admin@example.org', officer: 'officer@example.org', juror: 'juror@example.org' } as const;

/** The demo world as far as it belongs to the visitor: an officer's municipality's nominations, a juror's assignments. */
async function ownWorld(ds: DataSource, all: World, persona: Persona): Promise<World> {
  if (persona !== 'officer' && persona !== 'juror') return all;
  const sql = persona === 'officer'
    ? `SELECT n.id FROM nomination n JOIN app_user u ON u.municipality_id = n.municipality_id WHERE u.email = $1`
    : `SELECT a.nomination_id AS id FROM assignment a JOIN app_user u ON u.id = a.juror_id WHERE u.email = $1`;
  const mine = new Set((await ds.query(sql, [EMAIL[persona]])).map((r: { id: number }) => r.id));
  return { ...all, nominations: all.nominations.filter((id) => mine.has(id)), documents: all.documents.filter(([id]) => mine.has(id)) };
}

/**
 * Concrete addresses of a route for a visitor, from the database's real objects: one of the visitor's own
 * (a different one for each `turn`, so that the two languages between them see the cycles in their
 * different phases), and one object that is not theirs (its refusal is a page too), or a sample value
 * where nothing is stored.
 */
export async function pageUrlsOf(ds: DataSource): Promise<(persona: Persona, routePath: string, turn: number) => string[]> {
  const all = await worldOf(ds);
  const worlds = new Map<Persona, World>();
  for (const p of ['anonymous', 'admin', 'officer', 'juror'] as const) worlds.set(p, await ownWorld(ds, all, p));
  return (persona, routePath, turn) => {
    const own = urlsOf(routePath, worlds.get(persona)!);
    const foreign = urlsOf(routePath, all).find((u) => !own.includes(u));
    return [own[turn % own.length], ...(foreign ? [foreign] : [])];
  };
}

/** A route's pattern as a regular expression over a path (`/admin/cycles/:id` → `^/admin/cycles/[^/]+$`). */
export function patternOf(routePath: string): RegExp {
  const escaped = routePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}
