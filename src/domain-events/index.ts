/** The domain events: publish them through here, so the subscribers are always wired. */
import './subscribers';

export { publish, subscribeAfterCommit, subscribeInTransaction } from './bus';
export type { DomainEventName, DomainEvents } from './domain-events';
