import type { EntityManager } from 'typeorm';
import { Category } from '../cycles/category.entity';
import { categoryResults } from '../results/category-results';
import { applicantsFromRanking, type ApplicantInput } from './engine';

/**
 * A programme's selection (issue 12): the jury, conflicts, criteria and results engine all work per category, so
 * each ranking of a programme IS a category of its cycle: one for the whole programme (rankingScope 'programme',
 * named as the programme) or one per competitive track ('track', named as the track). This file is the one owner
 * of those categories: nobody edits them by hand (the category pages refuse a programme), they follow the tracks.
 */

export interface SelectionRanking {
  categoryId: number;
  name: string;
  trackIds: number[];
}

interface CompetitiveTrack {
  id: number;
  name: string;
  places: number;
  categoryId: number | null;
}

async function competitiveTracks(m: EntityManager, cycleId: number): Promise<CompetitiveTrack[]> {
  return m.query(
    `SELECT id, name, places, category_id AS "categoryId" FROM track WHERE cycle_id = $1 AND place_method = 'competitive' ORDER BY sort_order, id`,
    [cycleId],
  );
}

/**
 * Gives the category `name`, first moving aside a category of the cycle that holds the name but no track uses
 * (left over with applications in it after its track went): the names are unique per cycle.
 */
async function nameCategory(m: EntityManager, cycleId: number, categoryId: number, name: string, sortOrder: number, maxWinners: number): Promise<void> {
  await m.query(`UPDATE category SET name = name || ' #' || id WHERE cycle_id = $1 AND name = $2 AND id <> $3`, [cycleId, name, categoryId]);
  await m.query(
    `UPDATE category SET name = $2, sort_order = $3, max_winners = $4
      WHERE id = $1 AND (name, sort_order, max_winners) IS DISTINCT FROM ($2, $3, $4)`,
    [categoryId, name, sortOrder, maxWinners],
  );
}

async function createCategory(m: EntityManager, cycleId: number, name: string, sortOrder: number, maxWinners: number): Promise<number> {
  await m.query(`UPDATE category SET name = name || ' #' || id WHERE cycle_id = $1 AND name = $2`, [cycleId, name]);
  const inserted = await m.insert(Category, { cycleId, name, sortOrder, maxWinners: Math.max(1, maxWinners) });
  return inserted.identifiers[0].id as number;
}

/**
 * Brings the programme's ranking categories in step with its tracks and scope, in the caller's transaction (which
 * holds the cycle's row lock). A category is reused where it can be, so its criteria and jury panel stay: in
 * 'programme' scope the one category the tracks already point to; in 'track' scope each track's own. A category
 * no track uses any more is deleted unless an application is in it (it then keeps its applications, renamed).
 * maxWinners is set to the ranking's places, so the results pages count sensibly; for a programme it decides nothing.
 */
export async function syncSelectionCategories(m: EntityManager, cycleId: number): Promise<void> {
  const [cycle]: Array<{ name: string; scope: string; kind: string }> = await m.query(
    `SELECT name, ranking_scope AS scope, kind FROM cycle WHERE id = $1`,
    [cycleId],
  );
  if (!cycle || cycle.kind !== 'programme') return;
  const tracks = await competitiveTracks(m, cycleId);
  const owned: Array<{ id: number }> = await m.query(`SELECT id FROM category WHERE cycle_id = $1 ORDER BY sort_order, id`, [cycleId]);
  const ownedIds = new Set(owned.map((c) => c.id));
  const keep: number[] = [];

  if (cycle.scope === 'track') {
    for (const [i, t] of tracks.entries()) {
      // a category two tracks shared (the programme's, before the scope changed) goes to the first of them
      const reusable = t.categoryId !== null && ownedIds.has(t.categoryId) && !keep.includes(t.categoryId);
      const id = reusable ? t.categoryId! : await createCategory(m, cycleId, t.name, i + 1, t.places);
      await nameCategory(m, cycleId, id, t.name, i + 1, Math.max(1, t.places));
      if (t.categoryId !== id) await m.query(`UPDATE track SET category_id = $2 WHERE id = $1`, [t.id, id]);
      keep.push(id);
    }
  } else if (tracks.length) {
    const current = tracks.find((t) => t.categoryId !== null && ownedIds.has(t.categoryId))?.categoryId ?? owned[0]?.id;
    const id = current ?? (await createCategory(m, cycleId, cycle.name, 1, 1));
    const places = tracks.reduce((sum, t) => sum + t.places, 0);
    await nameCategory(m, cycleId, id, cycle.name, 1, Math.max(1, places));
    await m.query(`UPDATE track SET category_id = $2 WHERE cycle_id = $1 AND place_method = 'competitive' AND category_id IS DISTINCT FROM $2`, [cycleId, id]);
    keep.push(id);
  }
  // direct tracks (delegations) are ranked by nobody
  await m.query(`UPDATE track SET category_id = NULL WHERE cycle_id = $1 AND place_method <> 'competitive' AND category_id IS NOT NULL`, [cycleId]);
  await m.query(
    `DELETE FROM category k WHERE k.cycle_id = $1 AND k.id <> ALL($2::int[]) AND NOT EXISTS (SELECT 1 FROM nomination n WHERE n.category_id = k.id)`,
    [cycleId, keep],
  );
}

/** The programme's rankings (one, or one per competitive track), in track order. */
export async function rankingsOf(m: EntityManager, cycleId: number): Promise<SelectionRanking[]> {
  const rows: Array<{ trackId: number; categoryId: number; name: string }> = await m.query(
    `SELECT t.id AS "trackId", k.id AS "categoryId", k.name
       FROM track t JOIN category k ON k.id = t.category_id
      WHERE t.cycle_id = $1 AND t.place_method = 'competitive' ORDER BY t.sort_order, t.id`,
    [cycleId],
  );
  const out: SelectionRanking[] = [];
  for (const r of rows) {
    const ranking = out.find((x) => x.categoryId === r.categoryId);
    if (ranking) ranking.trackIds.push(r.trackId);
    else out.push({ categoryId: r.categoryId, name: r.name, trackIds: [r.trackId] });
  }
  return out;
}

/** Each application's ranked track preferences (most wanted first), by nomination id. */
export async function preferencesOf(m: EntityManager, nominationIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!nominationIds.length) return out;
  const rows: Array<{ nominationId: number; trackId: number }> = await m.query(
    `SELECT nomination_id AS "nominationId", track_id AS "trackId" FROM track_preference WHERE nomination_id = ANY($1::int[]) ORDER BY nomination_id, rank`,
    [nominationIds],
  );
  for (const r of rows) {
    const list = out.get(r.nominationId) ?? [];
    list.push(r.trackId);
    out.set(r.nominationId, list);
  }
  return out;
}

/**
 * The allocation engine's applicants for one ranking: each scored application of the category with the rank
 * the results engine gives it (the approved snapshot's, or the live results as the results page computes them,
 * cached) and its ranked preferences among the ranking's tracks (ids as strings). Municipalities are passed by id.
 */
export async function applicantsOf(m: EntityManager, cycleId: number, categoryId: number): Promise<ApplicantInput[]> {
  const ranking = (await rankingsOf(m, cycleId)).find((r) => r.categoryId === categoryId);
  if (!ranking) return [];
  const results = await categoryResults(m, categoryId);
  if (!results?.computed?.ok) return [];
  const inRanking = new Set(ranking.trackIds);
  const preferences = await preferencesOf(m, results.nominations.map((n) => n.id));
  const applications = results.nominations.map((n) => ({
    id: n.key,
    municipality: String(n.municipalityId),
    preferences: (preferences.get(n.id) ?? []).filter((t) => inRanking.has(t)).map(String),
  }));
  return applicantsFromRanking(results.computed.output.ranking, applications).filter((a) => a.preferences.length > 0);
}

/** Who an application is: for creating participants and mail. */
export interface ApplicationPerson {
  nominationId: number;
  lastName: string;
  firstName: string;
  patronymic: string;
  position: string;
  institution: string;
  municipalityId: number;
  municipalityName: string;
  email: string;
  authorId: number;
}

export async function applicationPeople(m: EntityManager, nominationIds: number[]): Promise<Map<number, ApplicationPerson>> {
  if (!nominationIds.length) return new Map();
  const rows: ApplicationPerson[] = await m.query(
    `SELECT n.id AS "nominationId", ne.last_name AS "lastName", ne.first_name AS "firstName", ne.patronymic, ne.position, ne.institution,
            n.municipality_id AS "municipalityId", mu.name AS "municipalityName", ne.email, n.author_id AS "authorId"
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN municipality mu ON mu.id = n.municipality_id
      WHERE n.id = ANY($1::int[])`,
    [nominationIds],
  );
  return new Map(rows.map((r) => [r.nominationId, r]));
}
