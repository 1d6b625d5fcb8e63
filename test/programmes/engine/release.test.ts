import { allocate, offerToReserve, release, type AllocationInput } from '../../../src/programmes/engine';
import { applicant, countOf, placementOf, placesOf, reserveOf, track } from './builders';

describe('a decline pulls the reserve up', () => {
  // Berlin 1 place, Moscow 2. Allocation: A Berlin; B Moscow (Berlin full); C Moscow; D nothing (both full).
  // Reserves: Berlin [B, D], Moscow [D].
  const input: AllocationInput = {
    seed: 'programme:1',
    tracks: [track('berlin', 1), track('moscow', 2)],
    applicants: [
      applicant('A', 1, 'm1', 'berlin', 'moscow'),
      applicant('B', 2, 'm2', 'berlin', 'moscow'),
      applicant('C', 3, 'm3', 'moscow', 'berlin'),
      applicant('D', 4, 'm4', 'berlin', 'moscow'),
    ],
  };

  it('gives the freed place to the first on the reserve, and the place that one leaves to the next', () => {
    // A declines Berlin. First on Berlin's reserve: B, who holds Moscow (her 2nd choice) → B moves to Berlin.
    // That frees a Moscow place; Moscow's reserve: D → D gets Moscow. D now waits on Berlin (his 1st choice).
    const before = allocate(input);
    const { state, events } = release(before, 'A');
    expect(events).toEqual([
      { type: 'released', applicant: 'A', track: 'berlin' },
      { type: 'placed', applicant: 'B', track: 'berlin', from: 'moscow', passedOver: [] },
      { type: 'placed', applicant: 'D', track: 'moscow', from: null, passedOver: [] },
    ]);
    expect(placesOf(state)).toEqual({ A: null, B: 'berlin', C: 'moscow', D: 'moscow' });
    expect(placementOf(state, 'B')).toMatchObject({ choice: 1, source: 'reserve', blocked: [{ track: 'berlin', why: 'full' }] });
    expect(placementOf(state, 'A').out).toBe(true);
    expect(reserveOf(state, 'berlin')).toEqual(['D']);
    expect(reserveOf(state, 'moscow')).toEqual([]);
    expect(state.counts.map((c) => [c.track, c.filled, c.free])).toEqual([
      ['berlin', 1, 0],
      ['moscow', 2, 0],
    ]);
  });

  it('ends where allocating again without the decliner would', () => {
    const { state } = release(allocate(input), 'A');
    expect(placesOf(state)).toEqual(placesOf(allocate({ ...input, withdrawn: ['A'] })));
  });

  it('changes nothing in the state it was given', () => {
    const before = allocate(input);
    const copy = JSON.stringify(before);
    release(before, 'A');
    offerToReserve(before, 'berlin');
    expect(JSON.stringify(before)).toBe(copy);
  });

  it('takes an unplaced applicant off every reserve when they withdraw, and moves nobody', () => {
    const { state, events } = release(allocate(input), 'D');
    expect(events).toEqual([{ type: 'released', applicant: 'D', track: null }]);
    expect(reserveOf(state, 'berlin')).toEqual(['B']);
    expect(reserveOf(state, 'moscow')).toEqual([]);
  });

  it('refuses to release someone twice or someone unknown', () => {
    const { state } = release(allocate(input), 'A');
    expect(() => release(state, 'A')).toThrow('already out');
    expect(() => release(state, 'Z')).toThrow('not an applicant');
    expect(() => offerToReserve(state, 'paris')).toThrow('not a track');
  });
});

describe('the reserve respects the municipality quota', () => {
  it('passes over a reserve applicant whose municipality already has its quota on the track', () => {
    // Moscow: 2 places, 1 per municipality. A (m1) and B (m2) placed; C (m2) and D (m3) wait, in that order.
    // A declines: C is next, but m2 already has B in Moscow → passed over; D (m3) gets the place.
    const s = allocate({
      seed: 'p',
      tracks: [track('moscow', 2, 1)],
      applicants: [applicant('A', 1, 'm1', 'moscow'), applicant('B', 2, 'm2', 'moscow'), applicant('C', 3, 'm2', 'moscow'), applicant('D', 4, 'm3', 'moscow')],
    });
    expect(reserveOf(s, 'moscow')).toEqual(['C', 'D']);
    const { state, events } = release(s, 'A');
    expect(events[1]).toEqual({ type: 'placed', applicant: 'D', track: 'moscow', from: null, passedOver: ['C'] });
    expect(placesOf(state)).toEqual({ A: null, B: 'moscow', C: null, D: 'moscow' });
    // And when B (m2) declines, m2's slot is free again: C gets it.
    const after = release(state, 'B');
    expect(after.events[1]).toEqual({ type: 'placed', applicant: 'C', track: 'moscow', from: null, passedOver: [] });
  });

  it('fills a place that a quota left empty once the municipality’s holder leaves, and reports what stays free', () => {
    // Moscow: 3 places, 1 per municipality; Kazan 1. A (m1) Moscow; B (m1) blocked by quota → Kazan; C (m2) Moscow.
    // A declines: Moscow has 2 free; its reserve is [B] → B moves from Kazan. Nobody else waits on Moscow
    // (1 place stays free) nor on Kazan (B's old place stays free).
    const s = allocate({
      seed: 'p',
      tracks: [track('moscow', 3, 1), track('kazan', 1)],
      applicants: [applicant('A', 1, 'm1', 'moscow'), applicant('B', 2, 'm1', 'moscow', 'kazan'), applicant('C', 3, 'm2', 'moscow')],
    });
    const { state, events } = release(s, 'A');
    expect(events).toEqual([
      { type: 'released', applicant: 'A', track: 'moscow' },
      { type: 'placed', applicant: 'B', track: 'moscow', from: 'kazan', passedOver: [] },
      { type: 'unfilled', track: 'moscow', free: 1 },
      { type: 'unfilled', track: 'kazan', free: 1 },
    ]);
    expect(countOf(state, 'moscow')).toEqual({ track: 'moscow', places: 3, filled: 2, free: 1, reserve: 0 });
    expect(countOf(state, 'kazan')).toEqual({ track: 'kazan', places: 1, filled: 0, free: 1, reserve: 0 });
  });
});

describe('places fixed by the admin and the reserve', () => {
  it('offers a released forced place to the reserve like any other, and never moves a forced applicant', () => {
    // Berlin 1: forced to C. A (rank 1) → Moscow, waits on Berlin. C leaves → A moves up to Berlin.
    // B was forced to Moscow although she listed Berlin first: she waits on nothing and is never moved.
    const s = allocate({
      seed: 'p',
      tracks: [track('berlin', 1), track('moscow', 2)],
      applicants: [applicant('A', 1, 'm1', 'berlin', 'moscow'), applicant('B', 2, 'm2', 'berlin', 'moscow'), applicant('C', 3, 'm3', 'moscow')],
      forced: [
        { applicant: 'C', track: 'berlin', reason: 'Обмен с клиникой' },
        { applicant: 'B', track: 'moscow', reason: 'Просьба учреждения' },
      ],
    });
    expect(placesOf(s)).toEqual({ A: 'moscow', B: 'moscow', C: 'berlin' });
    expect(reserveOf(s, 'berlin')).toEqual(['A']);
    const { state, events } = release(s, 'C');
    expect(events.slice(1)).toEqual([
      { type: 'placed', applicant: 'A', track: 'berlin', from: 'moscow', passedOver: [] },
      { type: 'unfilled', track: 'moscow', free: 1 },
    ]);
    expect(placementOf(state, 'B')).toMatchObject({ track: 'moscow', source: 'forced' });
  });
});
