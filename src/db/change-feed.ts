import { EventEmitter } from 'node:events';
import { Client, type Notification, type Pool, type PoolClient } from 'pg';

/** The channel the database's triggers announce changes on (migration SessionChangeNotices). */
export const CHANGES_CHANNEL = 'laureate_changes';

export interface ChangeListener {
  /** a notice from the database: what changed (see the migration for the payloads) */
  change(payload: string): void;
  /** notices may have been missed (the listener lost its connection, or just made it): forget everything */
  gap(): void;
}

/**
 * The database's change notices as they reach this process. `live` is false while notices could be
 * missed (before the first LISTEN, and from a lost connection until the next one listens): whoever
 * caches on the strength of the notices caches nothing then.
 */
export interface ChangeFeed {
  readonly live: boolean;
  subscribe(listener: ChangeListener): () => void;
  /**
   * Resolves once this process has heard every notice committed before the call (its own echo came back:
   * PostgreSQL delivers notices in commit order). A writer awaits it before answering, so that the next
   * request, on whichever process, comes after the notices did. Gives up after `timeoutMs`.
   */
  echo(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const RETRY_MS = [250, 1_000, 2_000, 5_000];

/**
 * PostgreSQL: one dedicated connection per process LISTENs (outside the pool, so it never waits behind
 * requests and no request waits behind it). Losing it is a gap; it reconnects with a growing pause.
 */
export function listenOnPostgres(pool: Pool, onError: (err: unknown) => void = () => undefined): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  const gap = () => listeners.forEach((l) => l.gap());
  const echoes = new Map<string, () => void>();
  let echoCount = 0;
  let client: Client | null = null;
  let live = false;
  let closed = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    retry = null;
    const c = new Client({ ...pool.options, application_name: 'laureate-changes', keepAlive: true });
    client = c;
    const lost = (err?: unknown) => {
      if (client !== c) return;
      client = null;
      live = false;
      gap();
      if (err) onError(err);
      c.removeAllListeners('notification');
      c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect(), RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]).unref();
    };
    c.on('error', lost);
    c.on('end', () => lost(new Error('the change-notice connection ended')));
    c.on('notification', (n: Notification) => {
      const payload = n.payload ?? '';
      if (payload.startsWith('echo:')) return echoes.get(payload)?.();
      listeners.forEach((l) => l.change(payload));
    });
    try {
      await c.connect();
      // the listener alone never keeps the process alive (the HTTP server does)
      (c as unknown as { connection?: { stream?: { unref?(): void } } }).connection?.stream?.unref?.();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (client !== c) return;
      failures = 0;
      live = true;
      // whatever was read while nobody listened may already be stale
      gap();
    } catch (err) {
      lost(err);
    }
  };
  void connect();

  return {
    get live() {
      return live;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async echo(timeoutMs = 3_000) {
      if (!live) return;
      const payload = `echo:${process.pid}:${++echoCount}`;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(timer);
          echoes.delete(payload);
          resolve();
        }
        echoes.set(payload, done);
        pool.query(`SELECT pg_notify($1, $2)`, [CHANGES_CHANNEL, payload]).catch(done);
      });
    },
    async close() {
      closed = true;
      live = false;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      listeners.clear();
      await c?.end().catch(() => undefined);
    },
  };
}

/**
 * The embedded database is one PGlite session that every socket connection shares, so a notice comes
 * back on the connection whose statement committed it, whichever pool it belongs to. Every pool of the
 * process hands its notices to one process-wide bus, and every cache of the process hears them: all
 * writers of the embedded database are in this process (a second one refuses to start on the folder).
 */
const embeddedBus = new EventEmitter().setMaxListeners(0);
const hooked = new WeakSet<object>();

export function listenOnEmbedded(pool: Pool, onError: (err: unknown) => void = () => undefined): ChangeFeed {
  const hook = (client: PoolClient | Client) => {
    if (hooked.has(client)) return;
    hooked.add(client);
    client.on('notification', (n: Notification) => embeddedBus.emit('change', n.payload ?? ''));
  };
  // pg-pool keeps its connections in `_clients`; the 'connect' event covers those opened from now on
  for (const c of (pool as unknown as { _clients?: PoolClient[] })._clients ?? []) hook(c);
  const onConnect = (c: PoolClient) => hook(c);
  pool.on('connect', onConnect);
  const subscriptions: Array<() => void> = [];
  let live = false;
  let closed = false;
  pool.query(`LISTEN ${CHANGES_CHANNEL}`).then(() => {
    live = !closed;
  }, onError);
  return {
    get live() {
      return live;
    },
    subscribe(listener) {
      const onChange = (payload: string) => (payload.startsWith('echo:') ? undefined : listener.change(payload));
      embeddedBus.on('change', onChange);
      const off = () => void embeddedBus.off('change', onChange);
      subscriptions.push(off);
      return off;
    },
    // a notice comes back with the commit that sent it: nothing is ever still on its way
    async echo() {},
    async close() {
      closed = true;
      live = false;
      pool.off('connect', onConnect);
      subscriptions.forEach((off) => off());
    },
  };
}
