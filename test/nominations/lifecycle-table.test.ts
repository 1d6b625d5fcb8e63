import { canMove, isIn, NOMINATION_MOVES, NOMINATION_STATUSES, pathTo, statusesOf, statusIn, STATUS_GROUPS, theStatus, TRANSITIONS, type NominationStatus } from '../../src/nominations/statuses';

/** The nomination lifecycle, worked by hand: every status, where it may go, and what each group holds. */
describe('the nomination lifecycle table', () => {
  it('moves a nomination only along the award\'s path', () => {
    const expected: Record<NominationStatus, NominationStatus[]> = {
      draft: ['submitted', 'withdrawn'],
      submitted: ['withdrawn', 'accepted', 'rejected', 'returned'],
      returned: ['submitted', 'withdrawn'],
      accepted: ['winner', 'not_awarded'],
      rejected: [],
      withdrawn: [],
      winner: ['accepted'],
      not_awarded: ['accepted'],
    };
    for (const status of NOMINATION_STATUSES) expect({ status, to: [...TRANSITIONS[status]].sort() }).toEqual({ status, to: expected[status].sort() });
  });

  it('allows each named move only from its statuses', () => {
    expect(canMove('submit', 'draft')).toBe(true);
    expect(canMove('submit', 'returned')).toBe(true);
    expect(canMove('submit', 'submitted')).toBe(false);
    expect(canMove('submit', 'rejected')).toBe(false);
    expect(canMove('accept', 'submitted')).toBe(true);
    expect(canMove('accept', 'returned')).toBe(false);
    expect(canMove('return', 'accepted')).toBe(false);
    expect(canMove('withdraw', 'accepted')).toBe(false);
    expect(canMove('withdraw', 'returned')).toBe(true);
    expect(canMove('award', 'accepted')).toBe(true);
    expect(canMove('award', 'not_awarded')).toBe(false);
    expect(canMove('passOver', 'winner')).toBe(false);
    expect(canMove('reopen', 'winner')).toBe(true);
    expect(canMove('reopen', 'accepted')).toBe(false);
    // the audit log keeps the names it always had
    expect(Object.fromEntries(Object.entries(NOMINATION_MOVES).map(([k, v]) => [k, v.audit]))).toEqual({
      submit: 'nomination.submitted', withdraw: 'nomination.withdrawn', accept: 'nomination.accept', reject: 'nomination.reject', return: 'nomination.return',
      award: 'nomination.winner', passOver: 'nomination.notAwarded', reopen: 'nomination.reopened',
    });
  });

  it('names the groups the code asks about', () => {
    expect(statusesOf('editable')).toEqual(['draft', 'returned']);
    expect(statusesOf('withdrawable')).toEqual(['draft', 'submitted', 'returned']);
    expect(statusesOf('active')).toEqual(['submitted', 'returned', 'accepted', 'winner', 'not_awarded']);
    expect(statusesOf('judged')).toEqual(['accepted', 'winner', 'not_awarded']);
    expect(statusesOf('screened')).toEqual(['accepted', 'rejected', 'returned']);
    expect(statusesOf('lodged')).toEqual(NOMINATION_STATUSES.filter((s) => s !== 'draft'));
    expect(theStatus('initial')).toBe('draft');
    expect(() => theStatus('judged')).toThrow();
    expect(isIn('editable', 'returned')).toBe(true);
    expect(isIn('editable', 'submitted')).toBe(false);
    expect(isIn('editable', null)).toBe(false);
    // every group holds known statuses only, and a move never leads into the editable set except by a return or a resubmission
    for (const list of Object.values(STATUS_GROUPS)) for (const s of list) expect(NOMINATION_STATUSES).toContain(s);
  });

  it('makes the SQL conditions from the groups', () => {
    expect(statusIn('judged')).toBe(`n.status IN ('accepted','winner','not_awarded')`);
    expect(statusIn('editable', 'x')).toBe(`x.status IN ('draft','returned')`);
    expect(statusIn('lodged', null)).toBe(`status IN ('submitted','returned','accepted','rejected','withdrawn','winner','not_awarded')`);
  });

  it('finds the moves that lead from a draft to any status (the demo seeds its history this way)', () => {
    expect(pathTo('draft')).toEqual([]);
    expect(pathTo('accepted').map((s) => s.move)).toEqual(['submit', 'accept']);
    expect(pathTo('returned')).toEqual([{ move: 'submit', from: 'draft', to: 'submitted' }, { move: 'return', from: 'submitted', to: 'returned' }]);
    expect(pathTo('winner').map((s) => s.move)).toEqual(['submit', 'accept', 'award']);
  });
});
