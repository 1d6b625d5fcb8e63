import { checkOverride, decide } from '../../src/results/decisions';

describe('the rules of deliberation', () => {
  const eligible = new Map([[1, 'Красногорск'], [2, 'Щёлково'], [3, 'Красногорск'], [4, 'Балашиха']]);
  const ctx = { maxWinners: 3, quotaPerMunicipality: 1, eligible };

  it('take the computed winners as final, unless a tie the rules cannot break is open, and an override as final always', () => {
    expect(decide({ winners: ['1', '2'], undecided: [] }, null)).toEqual({ computed: [1, 2], undecided: [], override: null, final: [1, 2] });
    expect(decide({ winners: ['1'], undecided: ['2', '4'] }, null).final).toBeNull();
    expect(decide({ winners: ['1'], undecided: ['2', '4'] }, [1, 4]).final).toEqual([1, 4]);
  });

  it('accept places filled from the top, fewer than the maximum', () => {
    expect(checkOverride([2, 1, null], ctx)).toEqual({ ok: true, winners: [2, 1] });
  });

  it('refuse gaps, repeats, strangers, an empty list, too many places and a broken quota, each at its place', () => {
    const problems = (places: Array<number | null>) => {
      const r = checkOverride(places, ctx);
      return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.key.split('.').pop()}`);
    };
    expect(problems([null, 2])).toEqual(['place1:gap']);
    expect(problems([2, 2])).toEqual(['place2:duplicate']);
    expect(problems([9])).toEqual(['place1:notEligible']);
    expect(problems([null, null])).toEqual(['place1:noWinner']);
    expect(problems([1, 3])).toEqual(['place2:quota']);
    expect(problems([1, 2, 4, null])).toEqual(['_form:tooMany']);
    expect(checkOverride([1, 3], { ...ctx, quotaPerMunicipality: null }).ok).toBe(true);
  });
});
