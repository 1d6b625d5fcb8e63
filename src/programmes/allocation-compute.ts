import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import { allocate, type AllocationState, type ApplicantInput, type ForcedPlace, type TrackInput } from './engine';
import type { Track } from './track.entity';
import { applicantsOf, type SelectionRanking } from './selection';

/** What one ranking's allocation is computed from: its tracks and its scored applicants, as the engine takes them. */
export interface RankingInput {
  seed: string;
  tracks: TrackInput[];
  applicants: ApplicantInput[];
}

/**
 * The lottery's seed (engine/lottery.ts): the programme's id, so a tie is drawn the same way every time the page
 * is opened and anyone can recompute a ticket; with the ranking's category added when each track has its own
 * ranking, so that two rankings do not share one draw.
 */
export function seedOf(cycle: Pick<Cycle, 'id' | 'rankingScope'>, categoryId: number): string {
  return cycle.rankingScope === 'track' ? `programme:${cycle.id}:${categoryId}` : `programme:${cycle.id}`;
}

export async function rankingInput(m: EntityManager, cycle: Pick<Cycle, 'id' | 'rankingScope'>, ranking: SelectionRanking, tracks: readonly Track[]): Promise<RankingInput> {
  const own = new Set(ranking.trackIds);
  return {
    seed: seedOf(cycle, ranking.categoryId),
    tracks: tracks.filter((t) => own.has(t.id)).map((t) => ({ id: String(t.id), places: t.places, quotaPerMunicipality: t.quotaPerMunicipality })),
    applicants: await applicantsOf(m, cycle.id, ranking.categoryId),
  };
}

/**
 * Serial dictatorship over the ranking with the admin's fixed places taken first. A fixed place whose applicant
 * or track is no longer in the ranking (an application withdrawn since) is left out rather than failing the page.
 */
export function allocationOf(input: RankingInput, forced: readonly ForcedPlace[]): AllocationState {
  const applicants = new Set(input.applicants.map((a) => a.id));
  const tracks = new Set(input.tracks.map((t) => t.id));
  const kept = forced.filter((f) => applicants.has(f.applicant) && tracks.has(f.track));
  return allocate({ seed: input.seed, tracks: input.tracks, applicants: input.applicants, forced: kept });
}
