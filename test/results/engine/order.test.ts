import fc from 'fast-check';
import { Ranker, selectKth } from '../../../src/results/engine/order';
import { canonicalize } from '../../../src/results/engine/canonical';
import { buildDesign } from '../../../src/results/engine/design';
import { rankNominations } from '../../../src/results/engine/ranking';
import { ResampleTieKeys } from '../../../src/results/engine/bootstrap';
import type { ResultInput } from '../../../src/results/engine';

describe('the bootstrap’s ranking helpers', () => {
  it('rank each score 1 + the number above its run of chained equal scores (within 1e-9 of the next), unscored (NaN) last', () => {
    const value = fc.oneof(fc.constantFrom(NaN, 0, 1, 1 + 1e-12, 1 + 6e-10, 1 + 12e-10, 1 + 1e-6, -3), fc.double({ min: -5, max: 5, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (values) => {
        const scores = Float64Array.from(values);
        const rank = new Int32Array(values.length);
        const present = new Ranker(values.length).rank(scores, rank);
        const scored = values.filter((v) => !Number.isNaN(v)).sort((a, b) => b - a);
        expect(present).toBe(scored.length);
        // the run of v: walk up from v while the next higher score is within 1e-9
        const runTop = (v: number) => {
          let top = v;
          for (const o of [...scored].reverse()) if (o > top && o - top <= 1e-9) top = o;
          return top;
        };
        values.forEach((v, i) => {
          const expected = Number.isNaN(v) ? scored.length + 1 : 1 + scored.filter((o) => o > runTop(v)).length;
          expect(rank[i]).toBe(expected);
        });
      }),
    );
  });

  it('with the tie-break values, rank exactly as the real ranking does: top criterion, then raw mean, then shared', () => {
    // two criteria on a small scale and a few jurors: equal totals, equal top-criterion means and equal raw means are all common
    const scene = fc.record({
      nominations: fc.integer({ min: 1, max: 9 }),
      cells: fc.array(fc.option(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })), { nil: null }), { minLength: 27, maxLength: 27 }),
      multiplicities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
    });
    fc.assert(
      fc.property(scene, ({ nominations, cells, multiplicities }) => {
        const input: ResultInput = {
          winners: 1,
          criteria: [{ id: 'a', weight: 1, min: 1, max: 3 }, { id: 'b', weight: 2, min: 1, max: 3 }],
          nominations: Array.from({ length: nominations }, (_, i) => ({ id: `N${i}`, municipality: 'M' })),
          scorecards: cells.flatMap((cell, k) => (cell && k % 9 < nominations ? [{ juror: `J${Math.floor(k / 9)}`, nomination: `N${k % 9}`, scores: { a: cell[0], b: cell[1] } }] : [])),
        };
        const d = buildDesign(canonicalize(input));
        // a resample's data, written out: each drawn juror's cards as many times as drawn
        const m = Int32Array.from(d.jurorIds.map((id) => multiplicities[Number(id.slice(1))]));
        const resample: ResultInput = { ...input, scorecards: input.scorecards.flatMap((c) => Array.from({ length: multiplicities[Number(c.juror.slice(1))] }, (_, copy) => ({ ...c, juror: `${c.juror}-${copy}` }))) };
        const r = buildDesign(canonicalize(resample));
        // a coarse score, so that scores tie often and every rule gets to decide: the whole part of the raw mean
        const scores = Float64Array.from(r.rawMean, Math.floor);
        const rank = new Int32Array(nominations);
        new Ranker(nominations).rank(scores, rank, new ResampleTieKeys(d, m));
        expect([...rank]).toEqual([...rankNominations(r, scores).rank]);
      }),
      { numRuns: 300 },
    );
  });

  it('rank scores that differ by a denormal amount as equal, never as rank 0', () => {
    const rank = new Int32Array(2);
    new Ranker(2).rank(Float64Array.from([0, -5e-324]), rank);
    expect([...rank]).toEqual([1, 1]);
  });

  it('select the k-th smallest as a sort would', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 200 }), fc.nat(), (values, seed) => {
        const k = seed % values.length;
        const sorted = [...values].sort((a, b) => a - b);
        const data = Uint16Array.from([7, ...values, 7]);
        expect(selectKth(data, 1, values.length + 1, k)).toBe(sorted[k]);
        expect([data[0], data[data.length - 1]]).toEqual([7, 7]); // stays inside its range
      }),
    );
  });

  it('leave the range split at k, so a second selection above it finds a higher percentile (as the bootstrap does)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 40, maxLength: 40 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const data = Uint32Array.from(values);
        const lo = Math.ceil(0.025 * 40) - 1;
        const hi = Math.ceil(0.975 * 40) - 1;
        expect(selectKth(data, 0, 40, lo)).toBe(sorted[lo]);
        expect(selectKth(data, lo + 1, 40, hi - lo - 1)).toBe(sorted[hi]);
      }),
    );
  });
});
