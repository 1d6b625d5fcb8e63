import { choiceOf } from './allocate';
import { Occupancy } from './occupancy';
import { stateOf, waitsFor } from './reserves';
import type { AllocationEvent, AllocationState, Change, Placement } from './types';

/**
 * An applicant leaves the allocation (declined, missed the deadline, withdrew): they are out, hold nothing and
 * wait on no reserve. A place they held is offered to that track's reserve at once (offerToReserve). Pure: the
 * given state is not changed. Why they left is the app's business (its place lifecycle); the engine only
 * needs to know that they did.
 */
export function release(state: AllocationState, applicant: string): Change {
  const placements = copy(state);
  const p = placements.find((x) => x.applicant === applicant);
  if (!p) throw new Error(`release: ${applicant} is not an applicant of this allocation`);
  if (p.out) throw new Error(`release: ${applicant} is already out`);
  const track = p.track;
  Object.assign(p, { out: true, track: null, choice: null, source: null, reason: null });
  const events: AllocationEvent[] = [{ type: 'released', applicant, track }];
  if (track !== null) fill(state, placements, track, events);
  return { state: stateOf(state.seed, state.tracks, placements, state.ties), events };
}

/**
 * Gives the free places of a track to its reserve, in turn order: the first waiting applicant whose
 * municipality still has quota on the track gets a place (those ahead of them blocked by quota are passed over
 * and named in the event). If they held a track they listed lower, that one is freed and offered to its own
 * reserve in turn, and so on down the chain; every move is an event. A place nobody on the reserve can take
 * stays free ('unfilled'). Pure: the given state is not changed.
 */
export function offerToReserve(state: AllocationState, track: string): Change {
  if (!state.tracks.some((t) => t.id === track)) throw new Error(`offerToReserve: ${track} is not a track of this allocation`);
  const placements = copy(state);
  const events: AllocationEvent[] = [];
  fill(state, placements, track, events);
  return { state: stateOf(state.seed, state.tracks, placements, state.ties), events };
}

/**
 * The chain of moves one vacancy sets off. Each move gives someone a track they listed higher, so the chain
 * ends (at most as many moves as preferences listed).
 */
function fill(state: AllocationState, placements: Placement[], first: string, events: AllocationEvent[]): void {
  const occupancy = new Occupancy(state.tracks, placements);
  const vacancies = [first];
  while (vacancies.length) {
    const track = vacancies.shift()!;
    while (occupancy.freeOf(track) > 0) {
      const passedOver: string[] = [];
      const next = placements.find((p) => {
        if (!waitsFor(p, track)) return false;
        if (!occupancy.quotaUsed(track, p.municipality)) return true;
        passedOver.push(p.applicant);
        return false;
      });
      if (!next) {
        events.push({ type: 'unfilled', track, free: occupancy.freeOf(track) });
        break;
      }
      const from = next.track;
      if (from !== null) {
        occupancy.leave(from, next.municipality);
        vacancies.push(from);
      }
      occupancy.take(track, next.municipality);
      Object.assign(next, { track, choice: choiceOf(next.preferences, track), source: 'reserve' });
      events.push({ type: 'placed', applicant: next.applicant, track, from, passedOver });
    }
  }
}

function copy(state: AllocationState): Placement[] {
  return state.placements.map((p) => ({ ...p, preferences: [...p.preferences], blocked: p.blocked.map((b) => ({ ...b })) }));
}
