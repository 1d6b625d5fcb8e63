import { computeResults, type ResultInput } from '../../../src/results/engine';
import { simpleInput } from './inputs';

const order = (result: ReturnType<typeof computeResults>) => result.ranking.map((r) => r.nomination);

describe('ties', () => {
  it('breaks equal scores by the normalised score on the highest-weighted criterion', () => {
    // s(Nb) = 0.6·10 + 0.4·5 = 8 = s(Na) = 0.6·8 + 0.4·8; on c1 (the heavier) Nb has (10−1)/9 = 1 > (8−1)/9
    const input: ResultInput = {
      method: 'raw',
      winners: 1,
      criteria: [
        { id: 'c2', weight: 0.4, min: 1, max: 10 },
        { id: 'c1', weight: 0.6, min: 1, max: 10 },
      ],
      nominations: [
        { id: 'Na', municipality: 'A' },
        { id: 'Nb', municipality: 'B' },
      ],
      scorecards: [
        { juror: 'J1', nomination: 'Na', scores: { c1: 8, c2: 8 } },
        { juror: 'J1', nomination: 'Nb', scores: { c1: 10, c2: 5 } },
      ],
    };
    const result = computeResults(input);
    expect(result.ranking[0].score).toBeCloseTo(result.ranking[1].score!, 9);
    expect(order(result)).toEqual(['Nb', 'Na']);
    expect(result.ranking.map((r) => r.rank)).toEqual([1, 2]);
    expect(result.ties).toEqual([{ nominations: ['Nb', 'Na'], rule: 'topCriterion', rank: 1 }]);
    expect(result.winners).toEqual(['Nb']);
  });

  it('takes the first in input order when several criteria share the highest weight', () => {
    const input: ResultInput = {
      method: 'raw',
      winners: 1,
      criteria: [
        { id: 'y', weight: 1, min: 1, max: 10 },
        { id: 'x', weight: 1, min: 1, max: 10 },
      ],
      nominations: [
        { id: 'Na', municipality: 'A' },
        { id: 'Nb', municipality: 'B' },
      ],
      scorecards: [
        { juror: 'J1', nomination: 'Na', scores: { x: 9, y: 5 } }, // s = 7, y is first: Nb wins on y
        { juror: 'J1', nomination: 'Nb', scores: { x: 5, y: 9 } },
      ],
    };
    expect(order(computeResults(input))).toEqual(['Nb', 'Na']);
  });

  it('then by the higher raw mean', () => {
    // trimmed: both trimmed means are 5 and c1 (the heavier) is 5 everywhere; c2 differs
    //   Na: c2 5,5,5,5,5  → s 5,5,5,5,5            trimmed 5, raw mean 5
    //   Nb: c2 2,5,5,5,10 → s 4,5,5,5,(10+10)/3     trimmed 5, raw mean (4+15+20/3)/5 = 5.1333
    const jurors = ['J1', 'J2', 'J3', 'J4', 'J5'];
    const nb = [2, 5, 5, 5, 10];
    const input: ResultInput = {
      method: 'trimmed',
      winners: 1,
      criteria: [
        { id: 'c1', weight: 2, min: 1, max: 10 },
        { id: 'c2', weight: 1, min: 1, max: 10 },
      ],
      nominations: [
        { id: 'Na', municipality: 'A' },
        { id: 'Nb', municipality: 'B' },
      ],
      scorecards: jurors.flatMap((juror, k) => [
        { juror, nomination: 'Na', scores: { c1: 5, c2: 5 } },
        { juror, nomination: 'Nb', scores: { c1: 5, c2: nb[k] } },
      ]),
    };
    const result = computeResults(input);
    expect(result.ranking.map((r) => r.score)).toEqual([expect.closeTo(5, 9), expect.closeTo(5, 9)]);
    expect(result.ranking[0].rawMean).toBeCloseTo((4 + 15 + 20 / 3) / 5, 9);
    expect(order(result)).toEqual(['Nb', 'Na']);
    expect(result.ties).toEqual([{ nominations: ['Nb', 'Na'], rule: 'rawMean', rank: 1 }]);
  });

  it('reports a tie it cannot break as unresolved; the tied share a rank', () => {
    const result = computeResults(simpleInput('raw', { J1: { N1: 9, N2: 7, N3: 7, N4: 5 } }, { winners: 3 }));
    expect(result.ranking.map((r) => [r.nomination, r.rank])).toEqual([
      ['N1', 1],
      ['N2', 2],
      ['N3', 2],
      ['N4', 4],
    ]);
    expect(result.ties).toEqual([{ nominations: ['N2', 'N3'], rule: 'unresolved', rank: 2 }]);
    expect(result.winners).toEqual(['N1', 'N2', 'N3']); // the tie fits within the places
    expect(result.undecided).toEqual([]);
  });

  it('leaves an unresolved tie across the winners’ cut undecided, and keeps the certain places', () => {
    const result = computeResults(simpleInput('raw', { J1: { N1: 9, N2: 7, N3: 7, N4: 5 } }, { winners: 2 }));
    expect(result.winners).toEqual(['N1']);
    expect(result.undecided).toEqual(['N2', 'N3']);
    expect(result.ties).toEqual([{ nominations: ['N2', 'N3'], rule: 'unresolved', rank: 2 }]);
  });

  it('leaves a tie undecided when its members together would break a municipality’s quota', () => {
    const result = computeResults(
      simpleInput('raw', { J1: { N1: 7, N2: 7, N3: 5 } }, { winners: 3, quotaPerMunicipality: 1, municipalities: { N1: 'A', N2: 'A', N3: 'B' } }),
    );
    expect(result.winners).toEqual([]);
    expect(result.undecided).toEqual(['N1', 'N2']);
  });

  it('treats scores within 1e-9 as equal', () => {
    // 0.1·1 + 0.2·3 + 0.3·2 and 0.1·5 + 0.2·1 + 0.3·2 are both 1.3 (÷ 0.6), but differ in floating point
    const input: ResultInput = {
      method: 'raw',
      winners: 1,
      criteria: [
        { id: 'a', weight: 0.1, min: 1, max: 10 },
        { id: 'b', weight: 0.2, min: 1, max: 10 },
        { id: 'c', weight: 0.3, min: 1, max: 10 },
      ],
      nominations: [
        { id: 'N1', municipality: 'A' },
        { id: 'N2', municipality: 'B' },
      ],
      scorecards: [
        { juror: 'J1', nomination: 'N1', scores: { a: 1, b: 3, c: 2 } },
        { juror: 'J1', nomination: 'N2', scores: { a: 5, b: 1, c: 2 } },
      ],
    };
    const result = computeResults(input);
    expect(result.ranking[0].score).not.toBe(result.ranking[1].score);
    expect(result.ranking.map((r) => r.rank)).toEqual([1, 1]);
    expect(result.ties).toEqual([{ nominations: ['N1', 'N2'], rule: 'unresolved', rank: 1 }]);
    expect(result.undecided).toEqual(['N1', 'N2']);
  });
});

describe('winners and the municipality quota', () => {
  it('skips a nomination whose municipality already used its quota, and logs it', () => {
    const result = computeResults(
      simpleInput('raw', { J1: { N1: 9, N2: 8, N3: 7, N4: 6 } }, { winners: 2, quotaPerMunicipality: 1, municipalities: { N1: 'A', N2: 'A', N3: 'B', N4: 'B' } }),
    );
    expect(result.winners).toEqual(['N1', 'N3']);
    expect(result.skipped).toEqual([{ nomination: 'N2', reason: 'quota' }]);
  });

  it('allows as many per municipality as the quota says, and any number without a quota', () => {
    const scores = { J1: { N1: 9, N2: 8, N3: 7, N4: 6 } };
    const municipalities = { N1: 'A', N2: 'A', N3: 'A', N4: 'B' };
    expect(computeResults(simpleInput('raw', scores, { winners: 3, quotaPerMunicipality: 2, municipalities })).winners).toEqual(['N1', 'N2', 'N4']);
    expect(computeResults(simpleInput('raw', scores, { winners: 3, quotaPerMunicipality: null, municipalities })).winners).toEqual(['N1', 'N2', 'N3']);
  });

  it('takes the top places in order of place, fewer when there are fewer nominations', () => {
    const result = computeResults(simpleInput('raw', { J1: { N1: 3, N2: 8, N3: 5 } }, { winners: 5 }));
    expect(result.winners).toEqual(['N2', 'N3', 'N1']);
  });
});
