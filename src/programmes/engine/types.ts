/**
 * The allocation engine's input, state and events. Pure like the results engine: no database, no clock, no
 * global randomness. Ids are strings (the app passes its numeric ids as text, as it does for the results engine).
 * Everything here is plain JSON, so the app can keep a state as a snapshot and continue it later.
 */

/** An applicant lists at most this many tracks, most preferred first. */
export const MAX_PREFERENCES = 3;

export interface TrackInput {
  id: string;
  /** integer ≥ 0 */
  places: number;
  /** at most this many participants of one municipality on this track; null = no quota */
  quotaPerMunicipality: number | null;
}

export interface ApplicantInput {
  id: string;
  municipality: string;
  /** distinct track ids, most preferred first, at most MAX_PREFERENCES */
  preferences: string[];
  /**
   * The results engine's rank (RankingEntry.rank, competition ranking: 1, 2, 2, 4). Its tie rules (top
   * criterion, then raw mean) are already applied there; applicants sharing a rank are a tie those rules
   * could not break, ordered here by the lottery (see lottery.ts). Only scored applicants take part.
   */
  rank: number;
}

/** A place the admin fixed by hand, with the written reason. */
export interface ForcedPlace {
  applicant: string;
  track: string;
  reason: string;
}

export interface AllocationInput {
  /** the lottery's seed for ties the ranking leaves, e.g. "programme:42"; recorded in the state */
  seed: string;
  tracks: TrackInput[];
  /** in any order: the turn order comes from rank (and the lottery inside a rank) */
  applicants: ApplicantInput[];
  /** absent = none */
  forced?: ForcedPlace[];
  /** applicants who are out before allocation (declined, withdrew): no place, no reserve; absent = none */
  withdrawn?: string[];
}

/** Why a preference could not be given when the applicant's turn came. */
export type Blocked = 'full' | 'quota';

/** How an applicant got the track they hold. */
export type PlacementSource = 'turn' | 'forced' | 'reserve';

export interface Placement {
  applicant: string;
  municipality: string;
  preferences: string[];
  rank: number;
  /** 1-based position in the turn order (rank, then lottery) */
  turn: number;
  /** the track held now; null = none */
  track: string | null;
  /** 1-based position of `track` in preferences; null without a track or for a forced unlisted track */
  choice: number | null;
  source: PlacementSource | null;
  /** the admin's reason, for a forced place */
  reason: string | null;
  /**
   * The explanation at the applicant's turn: each preference above the one they got (every preference when they
   * got none), with why it could not be given. Empty for a forced place. Kept as it was when a later move from a
   * reserve gives them a better track: it explains the allocation, the events explain the moves.
   */
  blocked: Array<{ track: string; why: Blocked }>;
  /** withdrawn before allocation or released after it: holds nothing and waits on no reserve */
  out: boolean;
}

/** One tie the ranking left, drawn by lottery: members in the drawn order, each with their ticket. */
export interface TieDraw {
  rank: number;
  draw: Array<{ applicant: string; ticket: string }>;
}

export interface TrackCount {
  track: string;
  places: number;
  filled: number;
  free: number;
  /** how many wait on its reserve */
  reserve: number;
}

export interface AllocationState {
  seed: string;
  tracks: TrackInput[];
  /** every applicant, in turn order (the withdrawn too, marked out) */
  placements: Placement[];
  /**
   * Per track (in the tracks' order), who waits for a place on it, in turn order: every applicant not out who
   * listed it and holds no track they prefer to it (unplaced applicants, and placed ones who listed it higher
   * than the track they hold). Forced places wait on no reserve: the admin fixed them.
   */
  reserves: Array<{ track: string; applicants: string[] }>;
  counts: TrackCount[];
  ties: TieDraw[];
}

/** What a change to a state did, in order, for the audit. */
export type AllocationEvent =
  | { type: 'released'; applicant: string; track: string | null }
  | {
      type: 'placed';
      applicant: string;
      track: string;
      /** the track they left for it (a preference they listed lower); null when they had none */
      from: string | null;
      /** those ahead of them on the reserve who were passed over because their municipality's quota is used up */
      passedOver: string[];
    }
  | { type: 'unfilled'; track: string; free: number };

export interface Change {
  state: AllocationState;
  events: AllocationEvent[];
}

export class InvalidAllocationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid allocation input:\n${problems.join('\n')}`);
    this.name = 'InvalidAllocationError';
  }
}
