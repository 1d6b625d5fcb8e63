import { checkMove, manualTransitionFrom, MANUAL_TRANSITIONS, PHASES_OF, phaseRules, problemsOf, type PhaseFacts } from '../../src/cycles/phases';

const now = new Date('2026-02-01T09:00:00Z');
const facts = (over: Partial<PhaseFacts> = {}): PhaseFacts => ({
  status: 'draft',
  now,
  nominationsStart: new Date('2026-02-10T06:00:00Z'),
  nominationsEnd: new Date('2026-03-10T20:59:00Z'),
  categories: [{ id: 1, name: 'Участковый педиатр', nominations: {} }],
  nominations: {},
  ...over,
});
const keys = (f: PhaseFacts, to: string) => {
  const check = checkMove(f, to);
  return check.ok ? [] : check.reason === 'blocked' ? check.problems.map((p) => p.key) : [check.reason];
};

describe('moving a cycle to the next phase by hand', () => {
  it('offers exactly one next phase from each phase the admin moves by hand, and none from the others', () => {
    const next = Object.fromEntries(PHASES_OF.award.map((s) => [s, manualTransitionFrom(s)?.to ?? null]));
    expect(next).toEqual({
      draft: 'nominations_open',
      nominations_open: 'screening',
      screening: 'judging',
      judging: 'deliberation',
      deliberation: null, // approved: by approving results, elsewhere
      approved: null, // published: by publishing results, elsewhere
      published: 'archived',
      archived: null,
    });
  });

  it('never skips a phase or goes back', () => {
    expect(keys(facts({ status: 'draft' }), 'screening')).toEqual(['notAvailable']);
    expect(keys(facts({ status: 'screening' }), 'nominations_open')).toEqual(['notAvailable']);
    expect(keys(facts({ status: 'deliberation' }), 'approved')).toEqual(['notAvailable']);
    expect(keys(facts({ status: 'approved' }), 'published')).toEqual(['notAvailable']);
    expect(keys(facts({ status: 'archived' }), 'draft')).toEqual(['notAvailable']);
    expect(keys(facts(), 'no-such-phase')).toEqual(['notAvailable']);
  });

  it('opens nominations only with at least one category and both nomination dates set', () => {
    expect(keys(facts(), 'nominations_open')).toEqual([]);
    expect(keys(facts({ categories: [] }), 'nominations_open')).toEqual(['cycles.phase.problem.noCategories']);
    expect(keys(facts({ nominationsEnd: null }), 'nominations_open')).toEqual(['cycles.phase.problem.noNominationWindow']);
    expect(keys(facts({ categories: [], nominationsStart: null, nominationsEnd: null }), 'nominations_open')).toEqual([
      'cycles.phase.problem.noCategories',
      'cycles.phase.problem.noNominationWindow',
    ]);
  });

  it('does not open nominations whose closing date has already passed', () => {
    expect(keys(facts({ nominationsEnd: new Date(now.getTime() - 60_000) }), 'nominations_open')).toEqual(['cycles.phase.problem.nominationsEndPassed']);
    expect(keys(facts({ nominationsEnd: now }), 'nominations_open')).toEqual(['cycles.phase.problem.nominationsEndPassed']);
  });

  it('closes nominations at any time, whatever drafts remain', () => {
    expect(keys(facts({ status: 'nominations_open', nominations: { draft: 12, submitted: 3 } }), 'screening')).toEqual([]);
  });

  it('starts judging only when no submitted nomination awaits a decision and at least one was accepted', () => {
    const screening = (nominations: PhaseFacts['nominations']) => facts({ status: 'screening', nominations });
    expect(keys(screening({ accepted: 4, rejected: 1, draft: 2 }), 'judging')).toEqual([]);
    expect(keys(screening({ accepted: 4, submitted: 2 }), 'judging')).toEqual(['cycles.phase.problem.awaitingDecision']);
    expect(keys(screening({ rejected: 3 }), 'judging')).toEqual(['cycles.phase.problem.noneAccepted']);
    expect(keys(screening({}), 'judging')).toEqual(['cycles.phase.problem.noneAccepted']);
    const check = checkMove(screening({ submitted: 2, accepted: 1 }), 'judging');
    expect(check).toMatchObject({ ok: false, problems: [{ key: 'cycles.phase.problem.awaitingDecision', params: { count: 2 } }] });
  });

  it('does not start judging while a nomination returned for correction may still come back', () => {
    const check = checkMove(facts({ status: 'screening', nominations: { accepted: 3, returned: 1 } }), 'judging');
    expect(check).toMatchObject({ ok: false, problems: [{ key: 'cycles.phase.problem.awaitingCorrection', params: { count: 1 } }] });
  });

  it('closes judging and archives published results without preconditions', () => {
    expect(keys(facts({ status: 'judging', categories: [] }), 'deliberation')).toEqual([]);
    expect(keys(facts({ status: 'published' }), 'archived')).toEqual([]);
  });

  it('takes a new precondition as one more rule over the facts', () => {
    // e.g. a later "every category with accepted nominations has criteria": a rule reading category facts
    const everyCategoryAccepted = (f: PhaseFacts) => {
      const empty = f.categories.filter((c) => !c.nominations.accepted).map((c) => c.name);
      return empty.length ? { key: 'example.emptyCategories', params: { names: empty.join(', ') } } : null;
    };
    const transition = { ...MANUAL_TRANSITIONS.find((t) => t.to === 'judging')!, rules: [phaseRules.someAccepted, everyCategoryAccepted] };
    const f = facts({
      status: 'screening',
      nominations: { accepted: 1 },
      categories: [
        { id: 1, name: 'Участковый педиатр', nominations: { accepted: 1 } },
        { id: 2, name: 'Неонатолог', nominations: { rejected: 1 } },
      ],
    });
    expect(problemsOf(transition, f)).toEqual([{ key: 'example.emptyCategories', params: { names: 'Неонатолог' } }]);
  });
});
