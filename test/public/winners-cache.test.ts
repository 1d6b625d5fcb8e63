import { useTestApp } from '../support/harness';
import { createResultsScene } from '../results/scene';
import { cachedLatestSlug, cachedWinners, FRESH_MS, forgetPublicWinners } from '../../src/public/winners-cache';

describe('the cache of the public winners lists', () => {
  const t = useTestApp();

  it('serves a list without a query while fresh, and sees another process unpublish it within FRESH_MS', async () => {
    const scene = await createResultsScene(t.ds, { municipalities: ['Красногорск'], cards: [[0, 0, [7, 7, 7]]] });
    await t.ds.query(`UPDATE nomination SET status = 'winner', place = 1 WHERE id = $1`, [scene.ids[0]]);
    await t.ds.query(`UPDATE cycle SET status = 'published', published_at = now() WHERE id = $1`, [scene.cycle.id]);
    forgetPublicWinners();
    const now = Date.now();
    const first = await cachedWinners(t.ds.manager, scene.cycle.slug, now);
    expect(first!.list.categories[0].winners.map((w) => w.nomination)).toEqual([scene.ids[0]]);
    expect(await cachedLatestSlug(t.ds.manager, now)).toBe(scene.cycle.slug);

    // another process unpublishes: this one does not know, and keeps serving for a moment…
    await t.ds.query(`UPDATE cycle SET status = 'approved', published_at = NULL WHERE id = $1`, [scene.cycle.id]);
    expect(await cachedWinners(t.ds.manager, scene.cycle.slug, now + FRESH_MS - 1)).toBe(first);
    // …but no longer than FRESH_MS
    expect(await cachedWinners(t.ds.manager, scene.cycle.slug, now + FRESH_MS)).toBeNull();
    expect(await cachedLatestSlug(t.ds.manager, now + FRESH_MS)).toBeNull();
  });

  it('re-reads a list published again (a new publication time), and keeps the same one when nothing changed', async () => {
    const scene = await createResultsScene(t.ds, { municipalities: ['Щёлково'], cards: [[0, 0, [7, 7, 7]]] });
    await t.ds.query(`UPDATE cycle SET status = 'published', published_at = now() - interval '1 hour' WHERE id = $1`, [scene.cycle.id]);
    forgetPublicWinners();
    const now = Date.now();
    const first = await cachedWinners(t.ds.manager, scene.cycle.slug, now);
    expect(await cachedWinners(t.ds.manager, scene.cycle.slug, now + FRESH_MS)).toBe(first);
    await t.ds.query(`UPDATE nomination SET status = 'winner', place = 1 WHERE id = $1`, [scene.ids[0]]);
    await t.ds.query(`UPDATE cycle SET published_at = now() WHERE id = $1`, [scene.cycle.id]);
    const again = await cachedWinners(t.ds.manager, scene.cycle.slug, now + 2 * FRESH_MS + 1);
    expect(again).not.toBe(first);
    expect(again!.list.categories[0].winners).toHaveLength(1);
  });
});
