import type { EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { DomainEventName, DomainEvents } from './domain-events';

/**
 * Domain events, typed (in the spirit of Ghost's DomainEvents). A state change announces itself with
 * `publish(m, name, payload)` inside the transaction that makes it; two kinds of subscribers hear it:
 *
 * - `inTransaction` subscribers run at once, awaited one after another, with the transaction's
 *   EntityManager: what they write (a mail in an outbox, say) commits or rolls back with the change, and
 *   an error thrown there rolls the change back. They must use only `m` (PGlite runs one statement at a time).
 * - `afterCommit` subscribers run once the outermost transaction has committed, never after a rollback
 *   (nor for what a savepoint rolled back); for side effects outside the database (a cache to drop).
 *   Their errors are logged, never thrown: the change is already committed.
 *
 * Published outside a transaction (the plain manager auto-commits each statement), both run at once.
 */

export type InTransactionSubscriber<N extends DomainEventName> = (event: DomainEvents[N], m: EntityManager) => Promise<void> | void;
export type AfterCommitSubscriber<N extends DomainEventName> = (event: DomainEvents[N]) => void;

type Entry = { phase: 'inTransaction'; run: InTransactionSubscriber<DomainEventName> } | { phase: 'afterCommit'; run: AfterCommitSubscriber<DomainEventName> };

const subscribers = new Map<DomainEventName, Entry[]>();

function add<N extends DomainEventName>(name: N, entry: Entry): () => void {
  const list = subscribers.get(name) ?? [];
  list.push(entry);
  subscribers.set(name, list);
  return () => {
    const at = list.indexOf(entry);
    if (at >= 0) list.splice(at, 1);
  };
}

/** Hears `name` inside the publishing transaction; returns a function that unsubscribes. */
export function subscribeInTransaction<N extends DomainEventName>(name: N, run: InTransactionSubscriber<N>): () => void {
  return add(name, { phase: 'inTransaction', run: run as InTransactionSubscriber<DomainEventName> });
}

/** Hears `name` after the publishing transaction committed; returns a function that unsubscribes. */
export function subscribeAfterCommit<N extends DomainEventName>(name: N, run: AfterCommitSubscriber<N>): () => void {
  return add(name, { phase: 'afterCommit', run: run as AfterCommitSubscriber<DomainEventName> });
}

interface Pending {
  depth: number;
  run: () => void;
}

// After-commit work waiting for its transaction, by the query runner (one per transaction) that published it.
const pending = new WeakMap<QueryRunner, Pending[]>();

// TypeORM keeps the nesting depth (savepoints) protected; it is read only to drop what a savepoint rolled back.
const depthOf = (qr: QueryRunner) => (qr as unknown as { transactionDepth: number }).transactionDepth ?? 1;

function runSafely(run: () => void): void {
  try {
    run();
  } catch (err) {
    console.error('after-commit subscriber failed', err);
  }
}

/** Runs a transaction's after-commit work on its commit, drops it on its rollback. */
const transactionWatcher: EntitySubscriberInterface = {
  afterTransactionCommit(event: TransactionCommitEvent) {
    const qr = event.queryRunner;
    if (qr.isTransactionActive) return; // a savepoint released: the outer transaction may still roll back
    const work = pending.get(qr);
    pending.delete(qr);
    for (const w of work ?? []) runSafely(w.run);
  },
  afterTransactionRollback(event: TransactionRollbackEvent) {
    const qr = event.queryRunner;
    const work = pending.get(qr);
    if (!work) return;
    if (!qr.isTransactionActive) pending.delete(qr);
    else pending.set(qr, work.filter((w) => w.depth <= depthOf(qr)));
  },
};

function watch(m: EntityManager): void {
  const list = m.dataSource.subscribers;
  if (!list.includes(transactionWatcher)) list.push(transactionWatcher);
}

/** Announces a domain event inside the caller's transaction manager (see above). */
export async function publish<N extends DomainEventName>(m: EntityManager, name: N, event: DomainEvents[N]): Promise<void> {
  const entries = [...(subscribers.get(name) ?? [])];
  for (const e of entries) if (e.phase === 'inTransaction') await e.run(event, m);
  const later = entries.filter((e) => e.phase === 'afterCommit');
  if (!later.length) return;
  const qr = m.queryRunner;
  const runAll = () => {
    for (const e of later) runSafely(() => (e.run as AfterCommitSubscriber<N>)(event));
  };
  if (!qr || !qr.isTransactionActive) return runAll();
  watch(m);
  const list = pending.get(qr) ?? [];
  list.push({ depth: depthOf(qr), run: runAll });
  pending.set(qr, list);
}
