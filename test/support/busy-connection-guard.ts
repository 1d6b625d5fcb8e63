import { Client } from 'pg';

/**
 * A query sent on a connection that is still running another: pg queues it only until its next major
 * version, and in a transaction it means the transaction's statements interleave on its one connection
 * (the embedded database can then deadlock). The test during which it happens fails, saying where.
 */
const busy: string[] = [];
// pg's own bookkeeping (its public activeQuery getter is deprecated and warns)
type Busy = { _activeQuery?: unknown; _queryQueue?: unknown[]; pipeline?: boolean };
const query = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function (this: Client & Busy, ...args: unknown[]) {
  if (!this.pipeline && (this._activeQuery || this._queryQueue?.length)) busy.push(new Error('a query on a busy connection').stack!);
  return query.apply(this, args);
} as typeof Client.prototype.query;

afterEach(() => {
  if (busy.length) throw new Error(`a query was sent on a connection still running another:\n${busy.splice(0).join('\n')}`);
});
