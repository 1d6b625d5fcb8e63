import { datesForMove, mayKeepPlannedStart } from '../../src/cycles/phase-move-dates';
import { phaseDateProblems, type PhaseDates } from '../../src/cycles/phase-dates';
import { checkMove, MANUAL_TRANSITIONS, type PhaseFacts } from '../../src/cycles/phases';
import { CLOCK_TRANSITIONS } from '../../src/cycles/phase-clock';

const day = (d: number) => new Date(Date.UTC(2026, 11, d, 6));
const planned: PhaseDates = {
  nominationsStart: day(1), nominationsEnd: day(10), screeningStart: day(10), screeningEnd: day(15),
  judgingStart: day(19), judgingEnd: day(25), deliberationStart: day(25), deliberationEnd: day(30),
};
const timed = MANUAL_TRANSITIONS.filter((t) => t.to !== 'archived');

describe('the dates a phase button sets', () => {
  it('starts judging now when pressed before its planned start, ending screening now and keeping the planned end', () => {
    const now = day(12);
    const { dates, changes } = datesForMove(planned, 'screening', 'judging', now);
    expect(changes).toEqual([
      { field: 'screeningEnd', from: day(15), to: now, reason: 'closesEarly' },
      { field: 'judgingStart', from: day(19), to: now, reason: 'startsEarly' },
    ]);
    expect(dates).toEqual({ ...planned, screeningEnd: now, judgingStart: now });
  });

  it('keeps every pair of dates in order along a whole cycle, whichever phases are started early or late', () => {
    const moments = [0, 2, 9, 11, 16, 20, 26, 31].map(day);
    // every way of pressing the four buttons at increasing moments
    const walks: Date[][] = [];
    const choose = (from: number, walk: Date[]) => {
      if (walk.length === timed.length) return void walks.push(walk);
      for (let i = from; i < moments.length; i++) choose(i + 1, [...walk, moments[i]]);
    };
    choose(0, []);
    for (const walk of walks) {
      let dates = planned;
      timed.forEach((t, i) => {
        dates = datesForMove(dates, t.from, t.to, walk[i]).dates;
        expect({ walk: walk.map((d) => d.getUTCDate()), step: t.to, problems: phaseDateProblems(dates) }).toEqual({ walk: walk.map((d) => d.getUTCDate()), step: t.to, problems: {} });
      });
    }
  });

  it('puts the dates back in order for a cycle moved ahead of its dates before buttons moved them', () => {
    // screening since day 3 by an older version, its window still planned for days 10–15
    const { dates } = datesForMove(planned, 'screening', 'judging', day(5));
    expect(phaseDateProblems(dates)).toEqual({});
    expect(dates.judgingStart).toEqual(day(5));
    expect(dates.nominationsEnd!.getTime()).toBeLessThan(day(5).getTime());
  });

  it('changes nothing when a phase is started on time or late, inside its planned window', () => {
    expect(datesForMove(planned, 'screening', 'judging', day(20)).changes).toEqual([]);
    expect(datesForMove(planned, 'nominations_open', 'screening', day(12)).changes).toEqual([]);
  });

  it('records the start and end of a phase that had none', () => {
    const blank = { ...planned, screeningStart: null, screeningEnd: null };
    const now = day(11);
    expect(datesForMove(blank, 'nominations_open', 'screening', now).changes).toEqual([{ field: 'screeningStart', from: null, to: now, reason: 'startsNow' }]);
    expect(datesForMove(blank, 'screening', 'judging', day(12)).changes).toEqual([
      { field: 'screeningEnd', from: null, to: day(12), reason: 'closesNow' },
      { field: 'judgingStart', from: day(19), to: day(12), reason: 'startsEarly' },
    ]);
  });

  it('clears a planned end that has already passed, so the new phase is not over the moment it opens', () => {
    const { dates, changes } = datesForMove(planned, 'nominations_open', 'screening', day(16));
    expect(changes).toEqual([{ field: 'screeningEnd', from: day(15), to: null, reason: 'passed' }]);
    expect(phaseDateProblems(dates)).toEqual({});
  });

  it('records a phase closed before its planned start as having run a moment, keeping the order', () => {
    const announced = { ...planned, nominationsStart: day(8) };
    const { dates, changes } = datesForMove(announced, 'nominations_open', 'screening', day(5));
    expect(changes.map((c) => [c.field, c.reason])).toEqual([['nominationsStart', 'neverOpened'], ['nominationsEnd', 'closesEarly'], ['screeningStart', 'startsEarly']]);
    expect(dates.nominationsStart!.getTime()).toBeLessThan(day(5).getTime());
    expect(phaseDateProblems(dates)).toEqual({});
  });

  it('may keep a planned start of nominations (announcing the cycle), and only of nominations', () => {
    expect(datesForMove(planned, 'draft', 'nominations_open', day(0), { keepPlannedStart: true }).changes).toEqual([]);
    expect(mayKeepPlannedStart(planned, 'nominations_open', day(0))).toBe(true);
    expect(mayKeepPlannedStart(planned, 'nominations_open', day(2))).toBe(false);
    expect(mayKeepPlannedStart(planned, 'judging', day(2))).toBe(false);
  });
});

describe('the phase buttons and the phase clock agree', () => {
  const facts = (over: Partial<PhaseFacts>): PhaseFacts => ({
    status: 'draft', now: day(26), nominationsStart: planned.nominationsStart, nominationsEnd: planned.nominationsEnd, judgingEnd: planned.judgingEnd,
    categories: [{ id: 1, name: 'Педиатр', nominations: { accepted: 1 }, jury: { criteria: 1, jurors: 1, assignments: 1 } }],
    nominations: { accepted: 1 }, ...over,
  });

  it('never opens by hand a phase the clock would close at once because its end has passed', () => {
    for (const clock of CLOCK_TRANSITIONS) {
      const opening = MANUAL_TRANSITIONS.find((t) => t.to === clock.from)!;
      const check = checkMove(facts({ status: opening.from }), opening.to);
      expect({ phase: clock.from, ok: check.ok }).toEqual({ phase: clock.from, ok: false });
    }
  });

  it('refuses to start judging after its end with a reason, and allows it while the end is ahead or unset', () => {
    expect(checkMove(facts({ status: 'screening' }), 'judging')).toMatchObject({ ok: false, problems: [{ key: 'cycles.phase.problem.judgingEndPassed' }] });
    expect(checkMove(facts({ status: 'screening', now: day(20) }), 'judging')).toMatchObject({ ok: true });
    expect(checkMove(facts({ status: 'screening', judgingEnd: null }), 'judging')).toMatchObject({ ok: true });
  });
});
