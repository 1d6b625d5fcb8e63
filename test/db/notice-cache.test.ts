import type { ChangeFeed, ChangeListener } from '../../src/db/change-feed';
import { NoticeCache } from '../../src/db/notice-cache';

/** A change feed driven by hand: the notices a database would send, when the test says so. */
function handFeed() {
  const listeners = new Set<ChangeListener>();
  const feed: ChangeFeed & { live: boolean; notify(payload: string): void; lose(): void } = {
    live: true,
    subscribe(l) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    async echo() {},
    async close() {},
    notify: (payload) => listeners.forEach((l) => l.change(payload)),
    lose: () => listeners.forEach((l) => l.gap()),
  };
  return feed;
}

describe('a cache kept right by change notices', () => {
  const effect = (payload: string) => (payload === 'all' ? 'all' : payload.startsWith('k:') ? [Number(payload.slice(2))] : null);
  const setup = (now = () => 0) => {
    const feed = handFeed();
    let loads = 0;
    const cache = new NoticeCache<number, string>(feed, effect, { ttlMs: 1_000, maxEntries: 2, now });
    const read = (key: number) => cache.get(key, async () => `v${key}.${++loads}`);
    return { feed, cache, read };
  };

  it('loads once and then answers from memory', async () => {
    const { read } = setup();
    expect(await read(1)).toBe('v1.1');
    expect(await read(1)).toBe('v1.1');
  });

  it('forgets the keys a notice names, and everything on a notice that says so or on a gap', async () => {
    const { feed, read } = setup();
    await read(1);
    await read(2);
    feed.notify('k:1');
    expect(await read(1)).toBe('v1.3');
    expect(await read(2)).toBe('v2.2');
    feed.notify('all');
    expect(await read(2)).toBe('v2.4');
    feed.lose();
    expect(await read(2)).toBe('v2.5');
    feed.notify('something else');
    expect(await read(2)).toBe('v2.5');
  });

  it('does not keep a value read while a notice arrived: it may predate the change', async () => {
    const feed = handFeed();
    const cache = new NoticeCache<number, string>(feed, effect, { ttlMs: 1_000, maxEntries: 10 });
    expect(await cache.get(1, async () => { feed.notify('k:9'); return 'old'; })).toBe('old');
    expect(await cache.get(1, async () => 'new')).toBe('new');
    expect(await cache.get(1, async () => 'newer')).toBe('new');
  });

  it('keeps nothing while the feed is not live, and trusts nothing past its time to live', async () => {
    let clock = 0;
    const { feed, read } = setup(() => clock);
    feed.live = false;
    expect(await read(1)).toBe('v1.1');
    expect(await read(1)).toBe('v1.2');
    feed.live = true;
    await read(1);
    clock = 999;
    expect(await read(1)).toBe('v1.3');
    clock = 1_000;
    expect(await read(1)).toBe('v1.4');
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const { cache, read } = setup();
    await read(1);
    await read(2);
    await read(3);
    expect(cache.size).toBe(2);
    expect(await read(2)).toBe('v2.2');
    expect(await read(1)).toBe('v1.4');
  });
});
