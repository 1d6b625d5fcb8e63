import type { AllocationState, ApplicantInput, TrackInput } from '../../../src/programmes/engine';

/** Short builders, so a hand-worked case reads as its table. */
export const track = (id: string, places: number, quotaPerMunicipality: number | null = null): TrackInput => ({ id, places, quotaPerMunicipality });

export const applicant = (id: string, rank: number, municipality: string, ...preferences: string[]): ApplicantInput => ({ id, rank, municipality, preferences });

/** applicant → track held (null = none), in turn order */
export const placesOf = (s: AllocationState): Record<string, string | null> => Object.fromEntries(s.placements.map((p) => [p.applicant, p.track]));

export const placementOf = (s: AllocationState, id: string) => s.placements.find((p) => p.applicant === id)!;

export const reserveOf = (s: AllocationState, track: string) => s.reserves.find((r) => r.track === track)!.applicants;

export const countOf = (s: AllocationState, track: string) => s.counts.find((c) => c.track === track)!;
