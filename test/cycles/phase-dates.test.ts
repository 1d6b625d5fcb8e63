import { phaseDateProblems, type PhaseDates } from '../../src/cycles/phase-dates';

const day = (d: number) => new Date(Date.UTC(2026, 2, d, 6));
const blank: PhaseDates = {
  nominationsStart: null, nominationsEnd: null, screeningStart: null, screeningEnd: null,
  judgingStart: null, judgingEnd: null, deliberationStart: null, deliberationEnd: null,
};
const inOrder: PhaseDates = {
  nominationsStart: day(1), nominationsEnd: day(10), screeningStart: day(10), screeningEnd: day(15),
  judgingStart: day(16), judgingEnd: day(25), deliberationStart: day(26), deliberationEnd: day(30),
};

describe('the order of phase dates', () => {
  it('accepts phases in order, one starting when the previous ends', () => {
    expect(phaseDateProblems(inOrder)).toEqual({});
  });

  it('accepts dates left blank, checking the ones that are set', () => {
    expect(phaseDateProblems(blank)).toEqual({});
    expect(phaseDateProblems({ ...blank, nominationsStart: day(1), judgingEnd: day(20) })).toEqual({});
    expect(phaseDateProblems({ ...blank, nominationsEnd: day(20), judgingStart: day(5) })).toEqual({
      judgingStart: { key: 'cycles.problem.beforePrevious', previous: 'nominationsEnd' },
    });
  });

  it('wants each phase to end after it starts', () => {
    expect(phaseDateProblems({ ...inOrder, screeningEnd: day(12), screeningStart: day(12) })).toEqual({
      screeningEnd: { key: 'cycles.problem.endBeforeStart' },
    });
    expect(phaseDateProblems({ ...blank, nominationsStart: day(5), nominationsEnd: day(3) })).toEqual({
      nominationsEnd: { key: 'cycles.problem.endBeforeStart' },
    });
  });

  it('refuses a phase that starts before the previous one ends, naming that date', () => {
    expect(phaseDateProblems({ ...inOrder, screeningStart: day(9) })).toEqual({
      screeningStart: { key: 'cycles.problem.beforePrevious', previous: 'nominationsEnd' },
    });
  });

  it('refuses an end that is not after the previous phase when the start is blank', () => {
    expect(phaseDateProblems({ ...inOrder, judgingStart: null, judgingEnd: day(15) })).toEqual({
      judgingEnd: { key: 'cycles.problem.notAfterPrevious', previous: 'screeningEnd' },
    });
  });

  it('reports one misplaced date once, not on every date after it', () => {
    expect(phaseDateProblems({ ...inOrder, judgingStart: day(2), judgingEnd: day(25) })).toEqual({
      judgingStart: { key: 'cycles.problem.beforePrevious', previous: 'screeningEnd' },
    });
  });
});
