import { Occupancy } from './occupancy';
import type { AllocationState, Placement, TieDraw, TrackCount, TrackInput } from './types';

/**
 * Who waits for a place on each track, in turn order: every applicant who is not out, whose place was not fixed
 * by the admin, who listed the track and holds no track they prefer to it.
 *
 * Placed applicants who listed the track higher than the one they hold wait on it too. That is the standard
 * of waiting lists in centralised admissions (NYC high schools, France's Parcoursup, the «волны» of Russian
 * university admissions): a person keeps their place and stays in line for the ones they wanted more. The
 * other way (only the unplaced wait) gives a freed place to someone ranked lower than a person who wanted
 * it more and lost it only because it was full at their turn, and it would reward misreporting: listing one
 * track only, to stay unplaced and on its reserve, could beat listing the truth. With placed applicants on the
 * reserves, a decline followed by the moves it sets off (reserve.ts) ends where allocating again without the
 * decliner would, so the rule "ranking, then preferences" holds after every decline.
 */
export function reservesOf(tracks: readonly TrackInput[], placements: readonly Placement[]): AllocationState['reserves'] {
  return tracks.map((t) => ({ track: t.id, applicants: placements.filter((p) => waitsFor(p, t.id)).map((p) => p.applicant) }));
}

export function waitsFor(p: Placement, track: string): boolean {
  if (p.out || p.source === 'forced' || p.track === track) return false;
  const wanted = p.preferences.indexOf(track);
  if (wanted < 0) return false;
  return p.track === null || wanted < p.preferences.indexOf(p.track);
}

/** The state with its reserves and counts computed from the placements. */
export function stateOf(seed: string, tracks: TrackInput[], placements: Placement[], ties: TieDraw[]): AllocationState {
  const reserves = reservesOf(tracks, placements);
  const occupancy = new Occupancy(tracks, placements);
  const counts: TrackCount[] = tracks.map((t, i) => ({
    track: t.id,
    places: t.places,
    filled: occupancy.filledOf(t.id),
    free: occupancy.freeOf(t.id),
    reserve: reserves[i].applicants.length,
  }));
  return { seed, tracks, placements, reserves, counts, ties };
}
