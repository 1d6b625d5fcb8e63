import type { Blocked, Placement, TrackInput } from './types';

/** Who holds how many places of each track, in total and per municipality: the two limits a place must fit. */
export class Occupancy {
  private readonly filled = new Map<string, number>();
  private readonly perMunicipality = new Map<string, number>();
  private readonly rules: Map<string, TrackInput>;

  constructor(tracks: readonly TrackInput[], placements: readonly Placement[] = []) {
    this.rules = new Map(tracks.map((t) => [t.id, t]));
    for (const p of placements) if (!p.out && p.track !== null) this.take(p.track, p.municipality);
  }

  /** Why a place on the track cannot go to someone of this municipality now; null when it can. */
  blocked(track: string, municipality: string): Blocked | null {
    const rule = this.rules.get(track)!;
    if (this.filledOf(track) >= rule.places) return 'full';
    if (rule.quotaPerMunicipality !== null && (this.perMunicipality.get(key(track, municipality)) ?? 0) >= rule.quotaPerMunicipality) return 'quota';
    return null;
  }

  /** True when the municipality has used up its quota on the track (whether or not places are free). */
  quotaUsed(track: string, municipality: string): boolean {
    const quota = this.rules.get(track)!.quotaPerMunicipality;
    return quota !== null && (this.perMunicipality.get(key(track, municipality)) ?? 0) >= quota;
  }

  filledOf(track: string): number {
    return this.filled.get(track) ?? 0;
  }

  freeOf(track: string): number {
    return this.rules.get(track)!.places - this.filledOf(track);
  }

  take(track: string, municipality: string): void {
    this.filled.set(track, this.filledOf(track) + 1);
    this.perMunicipality.set(key(track, municipality), (this.perMunicipality.get(key(track, municipality)) ?? 0) + 1);
  }

  leave(track: string, municipality: string): void {
    this.filled.set(track, this.filledOf(track) - 1);
    this.perMunicipality.set(key(track, municipality), (this.perMunicipality.get(key(track, municipality)) ?? 0) - 1);
  }
}

const key = (track: string, municipality: string) => `${track}\u0000${municipality}`;
