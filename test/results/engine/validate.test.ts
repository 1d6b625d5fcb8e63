import { computeResults, InvalidInputError, validateInput, type ResultInput } from '../../../src/results/engine';

function valid(): ResultInput {
  return {
    method: 'zscore',
    winners: 2,
    quotaPerMunicipality: 1,
    criteria: [
      { id: 'c1', weight: 0.6, min: 1, max: 10 },
      { id: 'c2', weight: 0.4, min: 0, max: 5 },
    ],
    nominations: [
      { id: 'N1', municipality: 'A' },
      { id: 'N2', municipality: 'B' },
    ],
    scorecards: [
      { juror: 'J1', nomination: 'N1', scores: { c1: 8, c2: 3 } },
      { juror: 'J2', nomination: 'N1', scores: { c1: 6, c2: 5 } },
      { juror: 'J2', nomination: 'N2', scores: { c1: 7, c2: 0 } },
    ],
    recusals: [{ juror: 'J1', nomination: 'N2' }],
  };
}

/** The problem lines for the valid input after `spoil` changed it. */
function problems(spoil: (input: any) => void): string[] {
  const input = valid();
  spoil(input);
  return validateInput(input);
}

describe('validating the results input', () => {
  it('accepts a valid input, with the optional fields left out', () => {
    expect(validateInput(valid())).toEqual([]);
    const minimal: Partial<ResultInput> = valid();
    delete minimal.method;
    delete minimal.quotaPerMunicipality;
    delete minimal.recusals;
    expect(validateInput(minimal)).toEqual([]);
  });

  it.each<[string, (input: any) => void, string]>([
    ['a nomination that does not exist', (i) => (i.scorecards[2].nomination = 'N9'), 'scorecards[2]: juror J2 scored N9, which is not a nomination'],
    ['a criterion that does not exist', (i) => (i.scorecards[0].scores.c7 = 4), 'scorecards[0]: juror J1 scored N1 on c7, which is not a criterion'],
    ['a score above the scale', (i) => (i.scorecards[1].scores.c1 = 11), 'scorecards[1]: juror J2 gave N1 11 on c1, outside its scale 1–10'],
    ['a score below the scale', (i) => (i.scorecards[2].scores.c2 = -1), 'scorecards[2]: juror J2 gave N2 -1 on c2, outside its scale 0–5'],
    ['a score that is not an integer', (i) => (i.scorecards[0].scores.c1 = 7.5), 'scorecards[0]: juror J1 gave N1 7.5 on c1, which is not an integer'],
    ['a score that is not a number', (i) => (i.scorecards[0].scores.c1 = '7'), 'scorecards[0]: juror J1 gave N1 "7" on c1, which is not an integer'],
    ['a missing score', (i) => delete i.scorecards[1].scores.c2, 'scorecards[1]: juror J2 did not score N1 on c2'],
    ['a scorecard from a recused juror', (i) => i.scorecards.push({ juror: 'J1', nomination: 'N2', scores: { c1: 5, c2: 5 } }), 'scorecards[3]: juror J1 scored N2 but is recused from it (recusals[0])'],
    ['two scorecards of one juror for one nomination', (i) => i.scorecards.push({ juror: 'J2', nomination: 'N1', scores: { c1: 5, c2: 5 } }), 'scorecards[3]: juror J2 already scored N1 (scorecards[1])'],
    ['a weight of 0', (i) => (i.criteria[1].weight = 0), 'criteria[1] (c2): weight must be a number > 0 (got 0)'],
    ['a negative weight', (i) => (i.criteria[0].weight = -1), 'criteria[0] (c1): weight must be a number > 0 (got -1)'],
    ['min equal to max', (i) => (i.criteria[0].min = 10), 'criteria[0] (c1): scale min 10 must be less than max 10'],
    ['min above max', (i) => Object.assign(i.criteria[1], { min: 5, max: 0 }), 'criteria[1] (c2): scale min 5 must be less than max 0'],
    ['a scale bound that is not an integer', (i) => (i.criteria[0].max = 9.5), 'criteria[0] (c1): scale bounds min and max must be integers (got 1 and 9.5)'],
    ['an unknown method', (i) => (i.method = 'median'), 'method: "median" is not one of zscore, raw, offset, trimmed'],
    ['no winners', (i) => (i.winners = 0), 'winners: must be an integer ≥ 1 (got 0)'],
    ['a fractional number of winners', (i) => (i.winners = 1.5), 'winners: must be an integer ≥ 1 (got 1.5)'],
    ['missing winners', (i) => delete i.winners, 'winners: must be an integer ≥ 1 (got nothing)'],
    ['a quota of 0', (i) => (i.quotaPerMunicipality = 0), 'quotaPerMunicipality: must be null or an integer ≥ 1 (got 0)'],
    ['a duplicate criterion id', (i) => i.criteria.push({ id: 'c1', weight: 1, min: 1, max: 5 }), 'criteria[2] (c1): duplicate id, also criteria[0]'],
    ['a duplicate nomination id', (i) => i.nominations.push({ id: 'N2', municipality: 'C' }), 'nominations[2] (N2): duplicate id, also nominations[1]'],
    ['a nomination without municipality', (i) => delete i.nominations[0].municipality, 'nominations[0] (N1): municipality must be a non-empty string'],
    ['a recusal from an unknown nomination', (i) => i.recusals.push({ juror: 'J3', nomination: 'N7' }), 'recusals[1]: juror J3 recused from N7, which is not a nomination'],
    ['a duplicate recusal', (i) => i.recusals.push({ juror: 'J1', nomination: 'N2' }), 'recusals[1]: juror J1 is already recused from N2 (recusals[0])'],
    ['no criteria', (i) => (i.criteria = []), 'criteria: must be a non-empty array'],
    ['scorecards that are not a list', (i) => (i.scorecards = {}), 'scorecards: must be an array'],
    ['a scorecard without a juror', (i) => delete i.scorecards[0].juror, 'scorecards[0]: juror must be a non-empty string'],
    ['a misspelt top-level field', (i) => (i.quotaPerMunicipalty = 2), 'input: unknown field "quotaPerMunicipalty"'],
  ])('reports %s', (_name, spoil, line) => {
    expect(problems(spoil)).toEqual([line]);
  });

  it('reports every problem, one line each, in input order', () => {
    const lines = problems((i) => {
      i.winners = 0;
      i.scorecards[0].scores.c1 = 12;
      i.scorecards[2].nomination = 'N5';
    });
    expect(lines).toEqual([
      'winners: must be an integer ≥ 1 (got 0)',
      'scorecards[0]: juror J1 gave N1 12 on c1, outside its scale 1–10',
      'scorecards[2]: juror J2 scored N5, which is not a nomination',
    ]);
  });

  it('still checks the scores against the scale of a criterion whose weight is invalid', () => {
    const lines = problems((i) => {
      i.criteria[1].weight = 0;
      i.scorecards[0].scores.c2 = 9;
    });
    expect(lines).toEqual([
      'criteria[1] (c2): weight must be a number > 0 (got 0)',
      'scorecards[0]: juror J1 gave N1 9 on c2, outside its scale 0–5',
    ]);
  });

  it('skips the range check only when the scale itself is invalid', () => {
    const lines = problems((i) => {
      i.criteria[0].max = 'ten';
      i.scorecards[0].scores.c1 = 99;
    });
    expect(lines).toEqual(['criteria[0] (c1): scale bounds min and max must be integers (got 1 and "ten")']);
  });

  it('reports input that is not an object', () => {
    expect(validateInput([])).toEqual(['input: expected a JSON object']);
    expect(validateInput(null)).toEqual(['input: expected a JSON object']);
  });

  it('makes computeResults throw with the problems', () => {
    const input = valid();
    input.winners = 0;
    expect(() => computeResults(input)).toThrow(InvalidInputError);
    try {
      computeResults(input);
    } catch (err) {
      expect((err as InvalidInputError).problems).toEqual(['winners: must be an integer ≥ 1 (got 0)']);
    }
  });
});
