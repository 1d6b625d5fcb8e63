import { turnOrder } from './lottery';
import { Occupancy } from './occupancy';
import { stateOf } from './reserves';
import { InvalidAllocationError, type AllocationInput, type AllocationState, type Placement } from './types';
import { validateAllocationInput } from './validate';

/**
 * Serial dictatorship. First the places the admin fixed are taken; then, in turn order (rank, then the
 * lottery inside a rank: lottery.ts), each applicant gets the first of their preferences that has a free
 * place and whose municipality quota on it is not used up; the preferences skipped on the way are recorded
 * with why (full or quota). Those left without a place, and those placed who wanted another track more, wait
 * on reserves (reserves.ts).
 *
 * Strategy-proof for applicants: what is free at someone's turn depends only on the people before them, never
 * on their own list, so listing true preferences never gets them less than any other list would.
 *
 * The places are fixed by the forced list before anyone's turn, so an admin's change is a new run with one
 * more forced place: everyone after it is allocated again by the same rule. Once the allocation is approved
 * and offers are out, changes go through release and offerToReserve instead, which move only the people a
 * freed place concerns.
 *
 * Pure and deterministic; input order does not matter. Throws InvalidAllocationError when the input is invalid.
 */
export function allocate(input: AllocationInput): AllocationState {
  const problems = validateAllocationInput(input);
  if (problems.length) throw new InvalidAllocationError(problems);

  const tracks = input.tracks.map((t) => ({ id: t.id, places: t.places, quotaPerMunicipality: t.quotaPerMunicipality }));
  const withdrawn = new Set(input.withdrawn ?? []);
  const forced = new Map((input.forced ?? []).map((f) => [f.applicant, f]));
  const { order, ties } = turnOrder(input.seed, input.applicants);

  const occupancy = new Occupancy(tracks);
  for (const a of order) {
    const f = forced.get(a.id);
    if (f) occupancy.take(f.track, a.municipality);
  }

  const placements = order.map((a, k): Placement => {
    const p: Placement = {
      applicant: a.id,
      municipality: a.municipality,
      preferences: [...a.preferences],
      rank: a.rank,
      turn: k + 1,
      track: null,
      choice: null,
      source: null,
      reason: null,
      blocked: [],
      out: withdrawn.has(a.id),
    };
    const f = forced.get(a.id);
    if (p.out) return p;
    if (f) return { ...p, track: f.track, choice: choiceOf(p.preferences, f.track), source: 'forced', reason: f.reason };
    for (const track of p.preferences) {
      const why = occupancy.blocked(track, a.municipality);
      if (why) {
        p.blocked.push({ track, why });
        continue;
      }
      occupancy.take(track, a.municipality);
      return { ...p, track, choice: choiceOf(p.preferences, track), source: 'turn' };
    }
    return p;
  });
  return stateOf(input.seed, tracks, placements, ties);
}

export function choiceOf(preferences: readonly string[], track: string): number | null {
  const i = preferences.indexOf(track);
  return i < 0 ? null : i + 1;
}
