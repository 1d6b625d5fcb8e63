export { allocate } from './allocate';
export { release, offerToReserve } from './release';
export { validateAllocationInput } from './validate';
export { ticketOf } from './lottery';
export { applicantsFromRanking } from './from-ranking';
export * from './types';
