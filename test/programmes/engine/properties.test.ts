import fc from 'fast-check';
import { allocate, release, MAX_PREFERENCES, type AllocationInput, type AllocationState, type ForcedPlace } from '../../../src/programmes/engine';
import { placesOf } from './builders';

/** Seeded, so a failure is reproducible; a few hundred cases each, a few seconds in all. */
const RUNS = { seed: 20261205, numRuns: 300 };

/**
 * Random programmes: 1–5 tracks of 0–3 places, quota none or 1–2; up to 25 applicants from 4 municipalities
 * with ranks 1–6 (so ties are frequent) and up to 3 preferences; a few forced places (dropped where they would
 * not fit, as the admin's form refuses them) and a few withdrawn.
 */
const programmes: fc.Arbitrary<AllocationInput> = fc
  .record({
    tracks: fc.array(fc.record({ places: fc.integer({ min: 0, max: 3 }), quota: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }) }), { minLength: 1, maxLength: 5 }),
    applicants: fc.array(
      fc.record({
        municipality: fc.integer({ min: 1, max: 4 }),
        rank: fc.integer({ min: 1, max: 6 }),
        preferences: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: MAX_PREFERENCES }),
        // a track index 0–4 one time in eight: forced; otherwise not
        forcedTo: fc.integer({ min: 0, max: 39 }),
      }),
      { maxLength: 25, size: 'medium' },
    ),
    withdrawnEvery: fc.integer({ min: 0, max: 7 }),
    seed: fc.string({ minLength: 1, maxLength: 8 }),
  })
  .map(({ tracks, applicants, withdrawnEvery, seed }) => {
    const trackIds = tracks.map((_, i) => `T${i}`);
    const inputTracks = tracks.map((t, i) => ({ id: trackIds[i], places: t.places, quotaPerMunicipality: t.quota }));
    const inputApplicants = applicants.map((a, i) => ({
      id: `A${i}`,
      municipality: `M${a.municipality}`,
      rank: a.rank,
      preferences: a.preferences.filter((p) => p < tracks.length).map((p) => trackIds[p]),
    }));
    const forced: ForcedPlace[] = [];
    const filled = new Map<string, number>();
    applicants.forEach((a, i) => {
      if (a.forcedTo >= tracks.length) return;
      const t = inputTracks[a.forcedTo];
      const sameMunicipality = forced.filter((f) => f.track === t.id && inputApplicants[Number(f.applicant.slice(1))].municipality === inputApplicants[i].municipality).length;
      if ((filled.get(t.id) ?? 0) >= t.places || (t.quotaPerMunicipality !== null && sameMunicipality >= t.quotaPerMunicipality)) return;
      filled.set(t.id, (filled.get(t.id) ?? 0) + 1);
      forced.push({ applicant: `A${i}`, track: t.id, reason: 'по решению комиссии' });
    });
    const forcedIds = new Set(forced.map((f) => f.applicant));
    const withdrawn = withdrawnEvery === 0 ? [] : inputApplicants.filter((a, i) => i % withdrawnEvery === 3 && !forcedIds.has(a.id)).map((a) => a.id);
    return { seed, tracks: inputTracks, applicants: inputApplicants, forced, withdrawn };
  });

/** Every limit holds: no track over its places, no municipality over its quota on a track, one place each. */
function expectWithinLimits(input: AllocationInput, s: AllocationState): void {
  expect(s.placements.map((p) => p.applicant).sort()).toEqual(input.applicants.map((a) => a.id).sort());
  for (const t of input.tracks) {
    const holders = s.placements.filter((p) => p.track === t.id);
    expect(holders.every((p) => !p.out)).toBe(true);
    expect(holders.length).toBeLessThanOrEqual(t.places);
    const count = s.counts.find((c) => c.track === t.id)!;
    expect([count.filled, count.free]).toEqual([holders.length, t.places - holders.length]);
    if (t.quotaPerMunicipality === null) continue;
    const perMunicipality = new Map<string, number>();
    for (const p of holders) perMunicipality.set(p.municipality, (perMunicipality.get(p.municipality) ?? 0) + 1);
    for (const n of perMunicipality.values()) expect(n).toBeLessThanOrEqual(t.quotaPerMunicipality);
    expect(s.reserves.find((r) => r.track === t.id)!.applicants.some((id) => holders.some((p) => p.applicant === id))).toBe(false);
  }
}

/** How an applicant truly ranks a track: 0 = first choice; unlisted or none = after everything. */
const preferenceRank = (preferences: string[], track: string | null) => (track === null || !preferences.includes(track) ? Infinity : preferences.indexOf(track));

/** Every ordered list of at most MAX_PREFERENCES distinct tracks. */
function listsOf(tracks: string[], prefix: string[] = []): string[][] {
  if (prefix.length === MAX_PREFERENCES) return [prefix];
  return [prefix, ...tracks.filter((t) => !prefix.includes(t)).flatMap((t) => listsOf(tracks, [...prefix, t]))];
}

describe('allocation properties over random programmes', () => {
  it('never puts a track over its places or a municipality over its quota, and gives each applicant at most one place', () => {
    fc.assert(
      fc.property(programmes, (input) => expectWithinLimits(input, allocate(input))),
      RUNS,
    );
  });

  it('never places anyone below a preference that had room when their turn came', () => {
    // Recounted from the final state: at someone's turn the places taken are the forced ones and those given
    // at earlier turns (allocation moves nobody afterwards).
    fc.assert(
      fc.property(programmes, (input) => {
        const s = allocate(input);
        const roomAt = (track: string, turn: number, municipality: string): 'full' | 'quota' | null => {
          const t = input.tracks.find((x) => x.id === track)!;
          const holders = s.placements.filter((p) => p.track === track && (p.source === 'forced' || p.turn < turn));
          if (holders.length >= t.places) return 'full';
          if (t.quotaPerMunicipality !== null && holders.filter((p) => p.municipality === municipality).length >= t.quotaPerMunicipality) return 'quota';
          return null;
        };
        for (const p of s.placements) {
          if (p.out || p.source === 'forced') continue;
          const got = p.track === null ? p.preferences.length : p.preferences.indexOf(p.track);
          const above = p.preferences.slice(0, got);
          expect(p.blocked).toEqual(above.map((track) => ({ track, why: roomAt(track, p.turn, p.municipality) })));
          expect(above.every((track) => roomAt(track, p.turn, p.municipality) !== null)).toBe(true);
          if (p.track !== null) expect(roomAt(p.track, p.turn, p.municipality)).toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input, or the same input in another order, gives the identical state', () => {
    fc.assert(
      fc.property(programmes, fc.nat(), (input, k) => {
        const rotate = <T>(xs: T[]) => (xs.length ? [...xs.slice(k % xs.length), ...xs.slice(0, k % xs.length)] : xs);
        const again = structuredClone(input);
        const reordered = { ...again, applicants: rotate(again.applicants).reverse(), forced: rotate(again.forced ?? []), withdrawn: rotate(again.withdrawn ?? []) };
        const once = JSON.stringify(allocate(input));
        expect(JSON.stringify(allocate(again))).toBe(once);
        expect(JSON.stringify(allocate(reordered))).toBe(once);
      }),
      RUNS,
    );
  });

  it('is strategy-proof: no other list of preferences gets an applicant a track they truly prefer', () => {
    // For one applicant per case, every list they could have given (up to 3 of up to 5 tracks: at most 86).
    fc.assert(
      fc.property(programmes, fc.nat(), (input, who) => {
        if (!input.applicants.length) return;
        const liar = input.applicants[who % input.applicants.length];
        const honest = allocate(input).placements.find((p) => p.applicant === liar.id)!.track;
        for (const told of listsOf(input.tracks.map((t) => t.id))) {
          const lying = allocate({ ...input, applicants: input.applicants.map((a) => (a === liar ? { ...a, preferences: told } : a)) });
          const got = lying.placements.find((p) => p.applicant === liar.id)!.track;
          expect(preferenceRank(liar.preferences, got)).toBeGreaterThanOrEqual(preferenceRank(liar.preferences, honest));
        }
      }),
      { ...RUNS, numRuns: 150 },
    );
  });

  it('after declines pulled the reserves up, holds every limit and ends where allocating without the decliners would', () => {
    fc.assert(
      fc.property(programmes, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (input, picks) => {
        let state = allocate(input);
        const released: string[] = [];
        for (const pick of picks) {
          const inside = state.placements.filter((p) => !p.out);
          if (!inside.length) break;
          const who = inside[pick % inside.length].applicant;
          state = release(state, who).state;
          released.push(who);
        }
        expectWithinLimits(input, state);
        const again = allocate({
          ...input,
          forced: (input.forced ?? []).filter((f) => !released.includes(f.applicant)),
          withdrawn: [...(input.withdrawn ?? []), ...released],
        });
        expect(placesOf(state)).toEqual(placesOf(again));
        expect(state.reserves).toEqual(again.reserves);
      }),
      RUNS,
    );
  });
});
