import { computeResults } from '../../../src/results/engine';
import { near, simpleInput } from './inputs';

/** With one criterion of weight 1, s is the score itself, so every expectation is plain arithmetic. */
const scoreOf = (result: ReturnType<typeof computeResults>, id: string) => result.ranking.find((r) => r.nomination === id)!;

describe('raw weighted mean', () => {
  it('averages s over the jurors who scored the nomination', () => {
    const result = computeResults(simpleInput('raw', { J1: { N1: 8, N2: 3 }, J2: { N1: 6, N2: 9 }, J3: { N2: 6 } }));
    near(scoreOf(result, 'N1').score, (8 + 6) / 2);
    near(scoreOf(result, 'N2').score, (3 + 9 + 6) / 3);
    expect(result.ranking.map((r) => r.nomination)).toEqual(['N1', 'N2']);
  });

  it('averages s with unequal weights: s = Σ w·x / Σ w', () => {
    const input = simpleInput('raw', {});
    input.criteria = [
      { id: 'a', weight: 3, min: 0, max: 5 },
      { id: 'b', weight: 1, min: 0, max: 5 },
    ];
    input.nominations = [{ id: 'N1', municipality: 'M' }];
    input.scorecards = [{ juror: 'J1', nomination: 'N1', scores: { a: 4, b: 0 } }];
    near(computeResults(input).ranking[0].score, (3 * 4 + 1 * 0) / (3 + 1));
  });
});

describe('trimmed mean', () => {
  it('drops the single highest and lowest of 5 or more cards, and keeps all of fewer', () => {
    const result = computeResults(
      simpleInput('trimmed', {
        J1: { N1: 1, N2: 3, N3: 2 },
        J2: { N1: 5, N2: 9, N3: 2 },
        J3: { N1: 6, N2: 4, N3: 5 },
        J4: { N1: 7, N2: 4, N3: 9 },
        J5: { N1: 10, N3: 9 },
      }),
    );
    near(scoreOf(result, 'N1').score, (5 + 6 + 7) / 3); // 1 and 10 dropped: 6 (the plain mean is 5.8)
    near(scoreOf(result, 'N1').rawMean, (1 + 5 + 6 + 7 + 10) / 5);
    near(scoreOf(result, 'N2').score, (3 + 9 + 4 + 4) / 4); // 4 cards: plain mean 5
    near(scoreOf(result, 'N3').score, (2 + 5 + 9) / 3); // one 2 and one 9 dropped, the copies stay: 5.333
    expect(result.ranking.map((r) => r.nomination)).toEqual(['N1', 'N3', 'N2']);
  });
});

describe('z-score', () => {
  it('centres and scales each juror over all they scored, and averages the z', () => {
    // J1 is harsh, J2 lenient with a wider range; both 3 cards
    const result = computeResults(simpleInput('zscore', { J1: { N1: 4, N2: 3, N3: 2 }, J2: { N1: 7, N2: 10, N3: 4 } }));
    const m1 = 3;
    const sd1 = Math.sqrt((1 + 0 + 1) / 3);
    const m2 = 7;
    const sd2 = Math.sqrt((0 + 9 + 9) / 3);
    near(scoreOf(result, 'N1').score, ((4 - m1) / sd1 + (7 - m2) / sd2) / 2);
    near(scoreOf(result, 'N2').score, ((3 - m1) / sd1 + (10 - m2) / sd2) / 2);
    near(scoreOf(result, 'N3').score, ((2 - m1) / sd1 + (4 - m2) / sd2) / 2);
    expect(result.jurors.map((j) => j.flag)).toEqual([null, null]);
  });

  it('only centres (and flags) a juror with fewer than 3 cards or with SD 0', () => {
    const result = computeResults(
      simpleInput('zscore', {
        J1: { N1: 8, N2: 6, N3: 4 }, // scaled: sd = sqrt(8/3)
        J2: { N1: 9, N2: 7 }, // 2 cards: centred, +1 and −1
        J3: { N1: 5, N2: 5, N3: 5 }, // sd 0: centred, all 0
      }),
    );
    const sd1 = Math.sqrt((4 + 0 + 4) / 3);
    near(scoreOf(result, 'N1').score, ((8 - 6) / sd1 + (9 - 8) + 0) / 3);
    near(scoreOf(result, 'N2').score, ((6 - 6) / sd1 + (7 - 8) + 0) / 3);
    near(scoreOf(result, 'N3').score, ((4 - 6) / sd1 + 0) / 2);
    expect(result.jurors.map((j) => [j.juror, j.flag])).toEqual([
      ['J1', null],
      ['J2', 'centred'],
      ['J3', 'centred'],
    ]);
    expect(result.jurors[2].sd).toBe(0);
  });

  it('flags no one under the other methods', () => {
    const result = computeResults(simpleInput('raw', { J1: { N1: 9, N2: 7 } }));
    expect(result.jurors[0].flag).toBeNull();
  });
});

describe('additive juror offset', () => {
  it('recovers q and b exactly on an incomplete but connected design that is exactly additive', () => {
    // q = (8, 6, 4), b = (+1, 0, −1); each juror scores two of the three nominations
    const result = computeResults(simpleInput('offset', { J1: { N1: 9, N2: 7 }, J2: { N2: 6, N3: 4 }, J3: { N1: 7, N3: 3 } }));
    near(scoreOf(result, 'N1').score, 8, 1e-7);
    near(scoreOf(result, 'N2').score, 6, 1e-7);
    near(scoreOf(result, 'N3').score, 4, 1e-7);
    expect(result.jurors.map((j) => j.juror)).toEqual(['J1', 'J2', 'J3']);
    near(result.jurors[0].offset, 1, 1e-7);
    near(result.jurors[1].offset, 0, 1e-7);
    near(result.jurors[2].offset, -1, 1e-7);
    expect(result.connected).toBe(true);
  });

  it('gives row means and column deviations on a complete design that is not additive', () => {
    // complete 2 jurors × 3 nominations: least squares gives q_i = the nomination's mean,
    // b_j = the juror's mean − the grand mean
    const result = computeResults(simpleInput('offset', { J1: { N1: 8, N2: 6, N3: 5 }, J2: { N1: 6, N2: 5, N3: 1 } }));
    near(scoreOf(result, 'N1').score, (8 + 6) / 2, 1e-7);
    near(scoreOf(result, 'N2').score, (6 + 5) / 2, 1e-7);
    near(scoreOf(result, 'N3').score, (5 + 1) / 2, 1e-7);
    const grand = (8 + 6 + 5 + 6 + 5 + 1) / 6;
    near(result.jurors[0].offset, (8 + 6 + 5) / 3 - grand, 1e-7);
    near(result.jurors[1].offset, (6 + 5 + 1) / 3 - grand, 1e-7);
  });

  it('corrects a harsh juror that a raw mean would follow', () => {
    // J3 is 3 points harsher than J1 and J2 on the nominations they share; N4 is scored by J3 only
    const scores = { J1: { N1: 8, N2: 6 }, J2: { N1: 8, N2: 6 }, J3: { N1: 5, N2: 3, N4: 6 } };
    const raw = computeResults(simpleInput('raw', scores));
    const offset = computeResults(simpleInput('offset', scores));
    expect(raw.ranking.map((r) => r.nomination)).toEqual(['N1', 'N4', 'N2']);
    expect(offset.ranking.map((r) => r.nomination)).toEqual(['N4', 'N1', 'N2']);
    // exact: b = (+1, +1, −2), q = (7, 5, 8)
    near(scoreOf(offset, 'N4').score, 8, 1e-7);
    near(offset.jurors[2].offset, -2, 1e-7);
  });

  it('reports a disconnected juror–nomination graph and centres the offsets per component', () => {
    const result = computeResults(simpleInput('offset', { J1: { N1: 9, N2: 7 }, J2: { N3: 4, N4: 2 } }));
    expect(result.connected).toBe(false);
    // each component is pinned by Σ b = 0 on its own: a lone juror gets offset 0, so q = s
    expect(result.jurors.map((j) => j.offset)).toEqual([0, 0]);
    expect(result.ranking.map((r) => [r.nomination, r.score])).toEqual([
      ['N1', 9],
      ['N2', 7],
      ['N3', 4],
      ['N4', 2],
    ]);
  });

  it('calls a graph connected when an unscored nomination stands apart (it is not part of the fit)', () => {
    const input = simpleInput('zscore', { J1: { N1: 9, N2: 7 }, J2: { N1: 4, N2: 2 } });
    input.nominations.push({ id: 'N9', municipality: 'M' });
    expect(computeResults(input).connected).toBe(true);
  });
});

describe('every method', () => {
  it('ranks a nomination nobody scored last, with a null score and no interval', () => {
    for (const method of ['zscore', 'raw', 'offset', 'trimmed'] as const) {
      const input = simpleInput(method, { J1: { N1: 9, N2: 7, N3: 5 }, J2: { N1: 4, N2: 2, N3: 3 } }, { winners: 3 });
      input.nominations.unshift({ id: 'N0', municipality: 'M' });
      const result = computeResults(input);
      const last = result.ranking[result.ranking.length - 1];
      expect(last).toEqual({ nomination: 'N0', rank: 4, score: null, rawMean: null, scorecards: 0, spread: null, rankInterval: null, pWinner: 0 });
      expect(result.winners).toEqual(['N1', 'N2', 'N3']);
    }
  });

  it('never awards a nomination nobody scored, even with places left', () => {
    const input = simpleInput('raw', { J1: { N1: 9 } }, { winners: 3 });
    input.nominations.push({ id: 'N2', municipality: 'M' });
    expect(computeResults(input).winners).toEqual(['N1']);
  });

  it('lists jurors who only recused, with their recusals and no statistics', () => {
    const input = simpleInput('raw', { J1: { N1: 9, N2: 3 } });
    input.recusals = [{ juror: 'J0', nomination: 'N1' }, { juror: 'J0', nomination: 'N2' }];
    expect(computeResults(input).jurors[0]).toEqual({ juror: 'J0', scorecards: 0, recused: 2, mean: null, sd: null, offset: null, flag: null });
  });
});
