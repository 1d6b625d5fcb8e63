import fc from 'fast-check';
import { Ranker, selectKth } from '../../../src/results/engine/order';

describe('the bootstrap’s ranking helpers', () => {
  it('rank each score 1 + the number more than 1e-9 above it, unscored (NaN) last', () => {
    const value = fc.oneof(fc.constantFrom(NaN, 0, 1, 1 + 1e-12, 1 + 1e-6, -3), fc.double({ min: -5, max: 5, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (values) => {
        const scores = Float64Array.from(values);
        const rank = new Int32Array(values.length);
        const present = new Ranker(values.length).rank(scores, rank);
        const scored = values.filter((v) => !Number.isNaN(v));
        expect(present).toBe(scored.length);
        values.forEach((v, i) => {
          const expected = Number.isNaN(v) ? scored.length + 1 : 1 + scored.filter((o) => o > v + 1e-9).length;
          expect(rank[i]).toBe(expected);
        });
      }),
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
