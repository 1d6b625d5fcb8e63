import { allocate, applicantsFromRanking, InvalidAllocationError, validateAllocationInput } from '../../../src/programmes/engine';
import { computeResults, type ResultInput } from '../../../src/results/engine';
import { applicant, countOf, placementOf, placesOf, reserveOf, track } from './builders';

describe('allocation by serial dictatorship', () => {
  it('gives each applicant, in rank order, their first preference that still has a place', () => {
    // Berlin has 1 place, Moscow 2.
    // A (rank 1): Berlin free → Berlin.
    // B (rank 2): Berlin full (A) → Moscow, which has room.
    // C (rank 3): Moscow has 1 place left → Moscow.
    const s = allocate({
      seed: 'programme:1',
      tracks: [track('berlin', 1), track('moscow', 2)],
      applicants: [applicant('C', 3, 'm3', 'moscow'), applicant('A', 1, 'm1', 'berlin', 'moscow'), applicant('B', 2, 'm2', 'berlin', 'moscow')],
    });
    expect(placesOf(s)).toEqual({ A: 'berlin', B: 'moscow', C: 'moscow' });
    expect(s.placements.map((p) => [p.applicant, p.turn, p.choice, p.source])).toEqual([
      ['A', 1, 1, 'turn'],
      ['B', 2, 2, 'turn'],
      ['C', 3, 1, 'turn'],
    ]);
  });

  it('explains a second choice by the first being full when the turn came', () => {
    // As above: B wanted Berlin, which A (rank 1) had filled.
    const s = allocate({
      seed: 'programme:1',
      tracks: [track('berlin', 1), track('moscow', 2)],
      applicants: [applicant('A', 1, 'm1', 'berlin'), applicant('B', 2, 'm2', 'berlin', 'moscow')],
    });
    expect(placementOf(s, 'B')).toMatchObject({ track: 'moscow', choice: 2, blocked: [{ track: 'berlin', why: 'full' }] });
    expect(placementOf(s, 'A').blocked).toEqual([]);
  });

  it('keeps placed applicants on the reserve of a track they wanted more, in turn order', () => {
    // Berlin 1 place: A. B (rank 2) got Moscow, her 2nd choice; D (rank 4) got nothing: Berlin full,
    // Moscow full (B, C). Berlin's reserve: B (placed lower), D (unplaced), in that order. Moscow's: D.
    const s = allocate({
      seed: 'programme:1',
      tracks: [track('berlin', 1), track('moscow', 2)],
      applicants: [
        applicant('A', 1, 'm1', 'berlin', 'moscow'),
        applicant('B', 2, 'm2', 'berlin', 'moscow'),
        applicant('C', 3, 'm3', 'moscow', 'berlin'),
        applicant('D', 4, 'm4', 'berlin', 'moscow'),
      ],
    });
    expect(placesOf(s)).toEqual({ A: 'berlin', B: 'moscow', C: 'moscow', D: null });
    expect(reserveOf(s, 'berlin')).toEqual(['B', 'D']);
    expect(reserveOf(s, 'moscow')).toEqual(['D']);
    expect(placementOf(s, 'D').blocked).toEqual([
      { track: 'berlin', why: 'full' },
      { track: 'moscow', why: 'full' },
    ]);
    expect(s.counts).toEqual([
      { track: 'berlin', places: 1, filled: 1, free: 0, reserve: 2 },
      { track: 'moscow', places: 2, filled: 2, free: 0, reserve: 1 },
    ]);
  });

  it('skips a track whose municipality quota is used up, even with places free', () => {
    // Moscow: 3 places, at most 1 per municipality. Kazan: 1 place.
    // A (m1, rank 1) → Moscow. B (m1, rank 2): Moscow has room but m1's 1 is used → Kazan.
    // C (m2, rank 3) → Moscow. Moscow ends 2 of 3, one place free; B waits on its reserve.
    const s = allocate({
      seed: 'programme:1',
      tracks: [track('moscow', 3, 1), track('kazan', 1)],
      applicants: [applicant('A', 1, 'm1', 'moscow'), applicant('B', 2, 'm1', 'moscow', 'kazan'), applicant('C', 3, 'm2', 'moscow')],
    });
    expect(placesOf(s)).toEqual({ A: 'moscow', B: 'kazan', C: 'moscow' });
    expect(placementOf(s, 'B').blocked).toEqual([{ track: 'moscow', why: 'quota' }]);
    expect(countOf(s, 'moscow')).toEqual({ track: 'moscow', places: 3, filled: 2, free: 1, reserve: 1 });
    expect(reserveOf(s, 'moscow')).toEqual(['B']);
  });

  it('leaves without a place an applicant none of whose preferences fits, and says why for each', () => {
    // One place each. A takes Berlin, B (m1 like A) takes Paris. C (m1): Berlin full, Paris full → none.
    // Moscow quota 1 per municipality: D (m1) is not blocked there, A is in Berlin. D takes Moscow.
    const s = allocate({
      seed: 'programme:1',
      tracks: [track('berlin', 1), track('paris', 1), track('moscow', 1, 1)],
      applicants: [
        applicant('A', 1, 'm1', 'berlin'),
        applicant('B', 2, 'm1', 'paris'),
        applicant('C', 3, 'm1', 'berlin', 'paris'),
        applicant('D', 4, 'm1', 'moscow'),
        applicant('E', 5, 'm2', 'moscow', 'berlin', 'paris'),
      ],
    });
    expect(placesOf(s)).toEqual({ A: 'berlin', B: 'paris', C: null, D: 'moscow', E: null });
    expect(placementOf(s, 'C')).toMatchObject({ choice: null, source: null, blocked: [{ track: 'berlin', why: 'full' }, { track: 'paris', why: 'full' }] });
    expect(placementOf(s, 'E').blocked.map((b) => b.why)).toEqual(['full', 'full', 'full']);
  });

  it('gives everyone their first choice when there are more places than applicants, and counts the rest free', () => {
    const s = allocate({
      seed: 'programme:1',
      tracks: [track('berlin', 5), track('moscow', 10, 2)],
      applicants: [applicant('A', 1, 'm1', 'moscow'), applicant('B', 2, 'm1', 'moscow'), applicant('C', 3, 'm2', 'berlin', 'moscow')],
    });
    expect(placesOf(s)).toEqual({ A: 'moscow', B: 'moscow', C: 'berlin' });
    expect(s.placements.every((p) => p.choice === 1)).toBe(true);
    expect(s.counts.map((c) => [c.track, c.filled, c.free])).toEqual([
      ['berlin', 1, 4],
      ['moscow', 2, 8],
    ]);
    expect(s.reserves).toEqual([
      { track: 'berlin', applicants: [] },
      { track: 'moscow', applicants: [] },
    ]);
  });

  it('gives an applicant who listed no track nothing, and puts them on no reserve', () => {
    const s = allocate({ seed: 'p', tracks: [track('berlin', 1)], applicants: [applicant('A', 1, 'm1')] });
    expect(placementOf(s, 'A')).toMatchObject({ track: null, blocked: [] });
    expect(reserveOf(s, 'berlin')).toEqual([]);
  });
});

describe('places fixed by the admin', () => {
  const tracks = [track('berlin', 1), track('moscow', 2, 1)];
  const applicants = [applicant('A', 1, 'm1', 'berlin', 'moscow'), applicant('B', 2, 'm2', 'moscow'), applicant('C', 3, 'm3', 'moscow', 'berlin')];

  it('takes the forced places before anyone’s turn, and allocates the rest around them', () => {
    // Without forcing: A Berlin, B Moscow, C Moscow. The admin puts C in Berlin (reason given).
    // A (rank 1): Berlin already full (C) → Moscow. B: Moscow has 1 place left, m2 unused → Moscow. C: fixed.
    const s = allocate({ seed: 'p', tracks, applicants, forced: [{ applicant: 'C', track: 'berlin', reason: 'Приказ министерства №12' }] });
    expect(placesOf(s)).toEqual({ A: 'moscow', B: 'moscow', C: 'berlin' });
    expect(placementOf(s, 'C')).toMatchObject({ source: 'forced', choice: 2, reason: 'Приказ министерства №12', blocked: [] });
    expect(placementOf(s, 'A').blocked).toEqual([{ track: 'berlin', why: 'full' }]);
    // A wanted Berlin more and waits on it; C, fixed by the admin, waits on nothing.
    expect(reserveOf(s, 'berlin')).toEqual(['A']);
    expect(reserveOf(s, 'moscow')).toEqual([]);
  });

  it('may fix a track the applicant did not list', () => {
    const s = allocate({ seed: 'p', tracks, applicants, forced: [{ applicant: 'B', track: 'berlin', reason: 'Делегация' }] });
    expect(placementOf(s, 'B')).toMatchObject({ track: 'berlin', choice: null, source: 'forced' });
    expect(placesOf(s)).toEqual({ A: 'moscow', B: 'berlin', C: 'moscow' });
  });

  it('refuses a forced place over the track’s places or quota, or without a reason', () => {
    expect(() =>
      allocate({
        seed: 'p',
        tracks,
        applicants,
        forced: [
          { applicant: 'A', track: 'berlin', reason: 'x' },
          { applicant: 'B', track: 'berlin', reason: ' ' },
        ],
      }),
    ).toThrow(InvalidAllocationError);
    expect(
      validateAllocationInput({
        seed: 'p',
        tracks: [track('berlin', 1), track('moscow', 5, 1)],
        applicants: [applicant('A', 1, 'm1'), applicant('B', 2, 'm1'), applicant('C', 3, 'm2')],
        forced: [
          { applicant: 'A', track: 'moscow', reason: 'x' },
          { applicant: 'B', track: 'moscow', reason: 'y' },
          { applicant: 'C', track: 'berlin', reason: ' ' },
        ],
        withdrawn: [],
      }),
    ).toEqual(['forced[1] (B): municipality m1 is over the quota of 1 on track moscow', 'forced[2] (C): a forced place needs a written reason']);
  });

  it('leaves the withdrawn out: no place, no reserve, and the others keep their turns', () => {
    // A withdrew. B (m2) → Moscow; C (m3) → Moscow, her first choice (quota 1 each, different municipalities).
    // Berlin stays free: nobody left listed it first, and C, placed at her first choice, waits on nothing.
    const s = allocate({ seed: 'p', tracks, applicants, withdrawn: ['A'] });
    expect(placesOf(s)).toEqual({ A: null, B: 'moscow', C: 'moscow' });
    expect(placementOf(s, 'A')).toMatchObject({ out: true, turn: 1, blocked: [] });
    expect(placementOf(s, 'C').turn).toBe(3);
    expect(reserveOf(s, 'berlin')).toEqual([]);
    expect(countOf(s, 'berlin')).toMatchObject({ filled: 0, free: 1 });
  });
});

describe('ties', () => {
  it('orders a tie the ranking left by lottery tickets sha256(seed, NUL, id), lowest first, and records the draw', () => {
    // Tickets for seed "programme:7" (computed with: printf 'programme:7\0%s' ID | sha256sum):
    //   11 → f27ea1d3…, 12 → 7bd7c262…, 13 → effe2f6a…  so the draw is 12, 13, 11.
    // Berlin 1 place, Moscow 1: 12 → Berlin, 13 → Moscow (Berlin full), 11 → none.
    const s = allocate({
      seed: 'programme:7',
      tracks: [track('berlin', 1), track('moscow', 1)],
      applicants: [applicant('10', 1, 'm0'), applicant('11', 2, 'm1', 'berlin', 'moscow'), applicant('12', 2, 'm2', 'berlin', 'moscow'), applicant('13', 2, 'm3', 'berlin', 'moscow')],
    });
    expect(s.placements.map((p) => p.applicant)).toEqual(['10', '12', '13', '11']);
    expect(placesOf(s)).toEqual({ '10': null, '12': 'berlin', '13': 'moscow', '11': null });
    expect(s.ties).toEqual([
      {
        rank: 2,
        draw: [
          { applicant: '12', ticket: '7bd7c2624abe5c52c351b263069758611fccf0b99c5e6776e9e2c832049db6c3' },
          { applicant: '13', ticket: 'effe2f6a2c3f734cecfd9a2fcd8ea4a8bfef955e5ddd8c40c21694637a1aa82b' },
          { applicant: '11', ticket: 'f27ea1d3ed76c3455886b926cf13d7fa4514e660c0ccebe34836dfffbc1543c8' },
        ],
      },
    ]);
  });

  it('does not draw lots where the results engine’s tie rules decided: the higher score on the heaviest criterion goes first', () => {
    // The results engine's own case: s(Na) = s(Nb) = 8, but on c1 (the heavier) Nb has 10 > 8, so Nb ranks 1.
    const results: ResultInput = {
      method: 'raw',
      winners: 1,
      criteria: [
        { id: 'c2', weight: 0.4, min: 1, max: 10 },
        { id: 'c1', weight: 0.6, min: 1, max: 10 },
      ],
      nominations: [
        { id: 'Na', municipality: 'A' },
        { id: 'Nb', municipality: 'B' },
        { id: 'Nc', municipality: 'C' },
      ],
      scorecards: [
        { juror: 'J1', nomination: 'Na', scores: { c1: 8, c2: 8 } },
        { juror: 'J1', nomination: 'Nb', scores: { c1: 10, c2: 5 } },
      ],
    };
    const ranking = computeResults(results).ranking;
    // Nc was not scored: it takes no part, as it would win nothing in an award.
    const applicants = applicantsFromRanking(ranking, [
      { id: 'Na', municipality: 'A', preferences: ['berlin'] },
      { id: 'Nb', municipality: 'B', preferences: ['berlin'] },
      { id: 'Nc', municipality: 'C', preferences: ['berlin'] },
    ]);
    expect(applicants.map((a) => [a.id, a.rank])).toEqual([
      ['Nb', 1],
      ['Na', 2],
    ]);
    const s = allocate({ seed: 'programme:1', tracks: [track('berlin', 1)], applicants });
    expect(placesOf(s)).toEqual({ Nb: 'berlin', Na: null });
    expect(s.ties).toEqual([]);
  });

  it('gives the same order whatever the seed when nobody ties, and whatever order the input comes in', () => {
    const applicants = [applicant('A', 1, 'm1', 'x'), applicant('B', 2, 'm1', 'x'), applicant('C', 2, 'm2', 'x')];
    const one = allocate({ seed: 's', tracks: [track('x', 2)], applicants });
    const reversed = allocate({ seed: 's', tracks: [track('x', 2)], applicants: [...applicants].reverse() });
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(one));
    expect(one.placements[0].applicant).toBe('A');
  });
});

describe('input checks', () => {
  it('lists every problem by entry', () => {
    expect(
      validateAllocationInput({
        seed: '',
        tracks: [track('x', -1), track('x', 1)],
        applicants: [applicant('A', 0, 'm1', 'x', 'x', 'y', 'z'), applicant('A', 1, 'm1')],
        withdrawn: ['Q'],
      }),
    ).toEqual([
        'seed: must be a non-empty string',
        'tracks[0] (x): places must be an integer ≥ 0 (got -1)',
        'tracks[1] (x): duplicate id',
        'applicants[0] (A): rank must be an integer ≥ 1 (got 0)',
        'applicants[0] (A): at most 3 preferences (got 4)',
        'applicants[0] (A): track x listed twice',
        'applicants[0] (A): preference "y" is not a track',
        'applicants[0] (A): preference "z" is not a track',
        'applicants[1] (A): duplicate id',
      'withdrawn[0]: "Q" is not an applicant',
    ]);
  });
});
