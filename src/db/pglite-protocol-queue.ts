import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

type QueueItem = { handlerId: number; message: Uint8Array; resolve(n: number): void; reject(e: unknown): void; onData(d: Uint8Array): void };
interface QueryQueue {
  queue: QueueItem[];
  processing: boolean;
  lastHandlerId: number | null;
  db: { isInTransaction(): boolean; runExclusive<T>(fn: () => Promise<T>): Promise<T>; execProtocolRawStream(m: Uint8Array, o: { onRawData(d: Uint8Array): void }): Promise<unknown> };
  processQueue(): Promise<void>;
  clearQueueForHandler(id: number): void;
}

/** Extended-protocol messages that leave the session's unnamed statement/portal in use until Sync. */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H']);

/**
 * pglite-socket 0.2.17 multiplexes many connections onto PGlite's one session, message by message.
 * It keeps a transaction's messages together, but not the Parse … Sync run of a query outside a
 * transaction: another connection's Parse can replace the session's unnamed statement in between, and
 * the first connection then gets another query's rows, an error, or waits forever (seen under parallel
 * HTTP requests). This replaces the queue's scheduler so a connection that started an extended query
 * owns the session until its Sync, as it already owns it for a whole transaction. It also clears the
 * "processing" flag when a message fails (the original leaves it set and the queue stops for good).
 * The package version is pinned exactly; the check below refuses to start if its internals move.
 */
export function keepExtendedQueriesTogether(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue?: QueryQueue }).queryQueue;
  if (!q || !Array.isArray(q.queue) || typeof q.processQueue !== 'function' || typeof q.clearQueueForHandler !== 'function') {
    throw new Error('@electric-sql/pglite-socket internals changed: the protocol queue fix in src/db/pglite-protocol-queue.ts must be revisited');
  }
  let holder: number | null = null; // the connection between its first extended message and its Sync
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (id: number) => {
    if (holder === id) holder = null;
    clear(id);
  };
  q.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.db.isInTransaction() && this.lastHandlerId ? this.lastHandlerId : holder;
        const index = owner === null ? 0 : this.queue.findIndex((i) => i.handlerId === owner);
        if (index === -1) break; // the owner's next message has not arrived yet; its enqueue restarts us
        const item = this.queue.splice(index, 1)[0];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (d) => {
                bytes += d.length;
                item.onData(d);
              },
            }),
          );
        } catch (err) {
          holder = null;
          item.reject(err);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        holder = EXTENDED.has(String.fromCharCode(item.message[0])) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}
