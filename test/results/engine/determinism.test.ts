import fc from 'fast-check';
import { computeResults, type ResultInput } from '../../../src/results/engine';
import { card, oneCriterion } from './inputs';

/** A small but not tiny category: 12 nominations, 6 jurors, 4 cards each, a few recusals. */
function category(): ResultInput {
  const criteria = [
    { id: 'impact', weight: 0.5, min: 1, max: 10 },
    { id: 'method', weight: 0.3, min: 0, max: 5 },
    { id: 'mentoring', weight: 0.2, min: 1, max: 3 },
  ];
  const nominations = Array.from({ length: 12 }, (_, i) => ({ id: `N${i + 1}`, municipality: `M${i % 4}` }));
  const scorecards = [];
  const recusals = [];
  for (let i = 0; i < 12; i++) {
    for (let k = 0; k < 4; k++) {
      const j = (i + k) % 6;
      const x = (i * 7 + j * 3) % 10;
      scorecards.push({ juror: `J${j}`, nomination: `N${i + 1}`, scores: { impact: 1 + x, method: x % 6, mentoring: 1 + (x % 3) } });
    }
    recusals.push({ juror: `J${(i + 5) % 6}`, nomination: `N${i + 1}` });
  }
  return { method: 'zscore', winners: 3, quotaPerMunicipality: 1, criteria, nominations, scorecards, recusals };
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let k = out.length - 1; k > 0; k--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const r = state % (k + 1);
    [out[k], out[r]] = [out[r], out[k]];
  }
  return out;
}

describe('determinism', () => {
  it('gives the identical output for the same input, twice', () => {
    for (const method of ['zscore', 'raw', 'offset', 'trimmed'] as const) {
      const input = { ...category(), method };
      expect(JSON.stringify(computeResults(input))).toBe(JSON.stringify(computeResults(structuredClone(input))));
    }
  });

  it('gives the identical output when scorecards, nominations, recusals and score keys come in another order', () => {
    for (const method of ['zscore', 'raw', 'offset', 'trimmed'] as const) {
      const input = { ...category(), method };
      const permuted: ResultInput = {
        ...input,
        nominations: shuffled(input.nominations, 1),
        recusals: shuffled(input.recusals!, 2),
        scorecards: shuffled(input.scorecards, 3).map((c) => ({
          nomination: c.nomination,
          scores: Object.fromEntries(Object.entries(c.scores).reverse()),
          juror: c.juror,
        })),
      };
      expect(JSON.stringify(computeResults(permuted))).toBe(JSON.stringify(computeResults(input)));
    }
  });

  it('draws other resamples for other input (the seed is the input’s hash)', () => {
    const input = category();
    const changed = structuredClone(input);
    changed.scorecards[0].scores.mentoring = changed.scorecards[0].scores.mentoring === 1 ? 2 : 1;
    const a = computeResults(input).ranking.map((r) => r.pWinner);
    const b = computeResults(changed).ranking.map((r) => r.pWinner);
    expect(a).not.toEqual(b);
  });
});

describe('bootstrap', () => {
  it('puts a clear leader first in every resample', () => {
    const scorecards = ['J1', 'J2', 'J3', 'J4'].flatMap((j, k) => [card(j, 'N1', 10), card(j, 'N2', 4 + k), card(j, 'N3', 5 - k)]);
    const result = computeResults({ method: 'raw', winners: 1, criteria: oneCriterion, nominations: ['N1', 'N2', 'N3'].map((id) => ({ id, municipality: id })), scorecards });
    expect(result.ranking[0]).toMatchObject({ nomination: 'N1', rankInterval: [1, 1], pWinner: 1 });
    expect(result.ranking[1].pWinner).toBe(0);
  });

  it('breaks ties in every resample by the rules of the ranking, so the shown rank lies in its interval', () => {
    // Each juror gives Na and Nb the same total (0.6·8 + 0.4·5 = 0.6·6 + 0.4·8 = 6.8; 0.6·7 + 0.4·6 = 0.6·5 + 0.4·9
    // = 6.6), so both always score alike (z = 0: two cards each, only centred); Na is higher on c1, the heavier
    // criterion, in every resample: it wins, Nb is second in every resample.
    const scorecards = [
      { juror: 'J1', nomination: 'Na', scores: { c1: 8, c2: 5 } },
      { juror: 'J1', nomination: 'Nb', scores: { c1: 6, c2: 8 } },
      { juror: 'J2', nomination: 'Na', scores: { c1: 7, c2: 6 } },
      { juror: 'J2', nomination: 'Nb', scores: { c1: 5, c2: 9 } },
    ];
    const criteria = [{ id: 'c1', weight: 0.6, min: 1, max: 10 }, { id: 'c2', weight: 0.4, min: 1, max: 10 }];
    for (const method of ['zscore', 'raw', 'offset', 'trimmed'] as const) {
      const result = computeResults({ method, winners: 1, criteria, nominations: [{ id: 'Na', municipality: 'A' }, { id: 'Nb', municipality: 'B' }], scorecards });
      expect(result.ranking.map((r) => [r.nomination, r.score])).toEqual([['Na', expect.closeTo(result.ranking[1].score!, 9)], ['Nb', expect.any(Number)]]);
      expect(result.ties).toEqual([{ nominations: ['Na', 'Nb'], rule: 'topCriterion', rank: 1 }]);
      expect(result.ranking.map((r) => [r.nomination, r.rank, r.rankInterval, r.pWinner])).toEqual([
        ['Na', 1, [1, 1], 1],
        ['Nb', 2, [2, 2], 0],
      ]);
    }
  });

  it('gives rank intervals that hold the rank and P(winner) that sums to the places', () => {
    for (const method of ['zscore', 'raw', 'offset', 'trimmed'] as const) {
      const result = computeResults({ ...category(), method, quotaPerMunicipality: null });
      for (const r of result.ranking) {
        const [lo, hi] = r.rankInterval!;
        expect(Number.isInteger(lo) && Number.isInteger(hi)).toBe(true);
        expect(lo).toBeLessThanOrEqual(hi);
        expect(hi).toBeLessThanOrEqual(13);
      }
      // each resample has 3 winners unless scores tie exactly at the cut
      const total = result.ranking.reduce((sum, r) => sum + r.pWinner, 0);
      expect(total).toBeGreaterThanOrEqual(2.9);
      expect(total).toBeLessThanOrEqual(3.2);
    }
  });
});

describe('on random categories', () => {
  const scene = fc
    .record({
      nominations: fc.integer({ min: 1, max: 8 }),
      jurors: fc.integer({ min: 1, max: 5 }),
      cells: fc.array(fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }), { minLength: 40, maxLength: 40 }),
      method: fc.constantFrom('zscore', 'raw', 'offset', 'trimmed' as const),
      winners: fc.integer({ min: 1, max: 4 }),
      quota: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
    })
    .map(({ nominations, jurors, cells, method, winners, quota }): ResultInput => {
      const scorecards = [];
      for (let i = 0; i < nominations; i++) {
        for (let j = 0; j < jurors; j++) {
          const x = cells[i * 5 + j];
          if (x !== null) scorecards.push(card(`J${j}`, `N${i}`, x));
        }
      }
      return {
        method, winners, quotaPerMunicipality: quota, criteria: oneCriterion, scorecards,
        nominations: Array.from({ length: nominations }, (_, i) => ({ id: `N${i}`, municipality: `M${i % 3}` })),
      };
    });

  it('ranks consistently with the scores and awards only ranked, quota-respecting nominations', () => {
    fc.assert(
      fc.property(scene, (input) => {
        const result = computeResults(input);
        const { ranking } = result;
        expect(ranking).toHaveLength(input.nominations.length);
        for (let k = 1; k < ranking.length; k++) {
          expect(ranking[k].rank).toBeGreaterThanOrEqual(ranking[k - 1].rank);
          if (ranking[k].score !== null) expect(ranking[k].score!).toBeLessThanOrEqual(ranking[k - 1].score! + 1e-9);
          else expect(ranking[k].rank).toBe(ranking.filter((r) => r.score !== null).length + 1);
        }
        expect(result.winners.length + (result.undecided.length ? 1 : 0)).toBeLessThanOrEqual(input.winners);
        const municipality = Object.fromEntries(input.nominations.map((n) => [n.id, n.municipality]));
        const perMunicipality = new Map<string, number>();
        for (const w of result.winners) {
          expect(ranking.find((r) => r.nomination === w)!.score).not.toBeNull();
          perMunicipality.set(municipality[w], (perMunicipality.get(municipality[w]) ?? 0) + 1);
        }
        if (input.quotaPerMunicipality) for (const n of perMunicipality.values()) expect(n).toBeLessThanOrEqual(input.quotaPerMunicipality);
        if (result.alpha !== null) expect(result.alpha).toBeLessThanOrEqual(1 + 1e-12);
        expect(JSON.stringify(result)).toBe(JSON.stringify(computeResults({ ...input, scorecards: [...input.scorecards].reverse() })));
      }),
      { numRuns: 150 },
    );
  });
});
