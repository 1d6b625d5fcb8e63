import { buildMatrix, elapsedShare, filterMatrix, type MatrixFacts } from '../../src/jury/matrix';

const at = (iso: string) => new Date(iso);
const window = { status: 'judging' as const, judgingStart: at('2026-03-01T00:00:00Z'), judgingEnd: at('2026-03-11T00:00:00Z') };

const facts = (over: Partial<MatrixFacts> = {}): MatrixFacts => ({
  jurors: [
    { id: 1, fullName: 'Первая', municipalityId: 10, municipalityName: 'Подольск', institution: 'ДГБ', member: true, chair: true, active: true },
    { id: 2, fullName: 'Второй', municipalityId: 20, municipalityName: 'Химки', institution: null, member: true, chair: false, active: true },
  ],
  nominations: [
    { id: 100, fullName: 'А', municipalityId: 10, municipalityName: 'Подольск', institution: 'Поликлиника' },
    { id: 101, fullName: 'Б', municipalityId: 30, municipalityName: 'Мытищи', institution: '«ДГБ»' },
    { id: 102, fullName: 'В', municipalityId: 30, municipalityName: 'Мытищи', institution: 'Больница' },
  ],
  assignments: [{ jurorId: 1, nominationId: 102 }, { jurorId: 2, nominationId: 100 }, { jurorId: 2, nominationId: 101 }, { jurorId: 2, nominationId: 102 }],
  declared: [],
  scorecards: [{ id: 7, jurorId: 2, nominationId: 100, status: 'submitted' }, { id: 8, jurorId: 2, nominationId: 101, status: 'draft' }],
  window,
  panel: { mode: 'all', k: null },
  ...over,
});

describe('the progress matrix', () => {
  it('measures the judging window gone by: none before it opens or without dates, all after it closes', () => {
    expect(elapsedShare(window, at('2026-02-20T00:00:00Z'))).toBe(0);
    expect(elapsedShare(window, at('2026-03-03T12:00:00Z'))).toBeCloseTo(0.25, 10);
    expect(elapsedShare(window, at('2026-03-11T00:00:00Z'))).toBe(1);
    expect(elapsedShare({ ...window, judgingEnd: null }, at('2026-03-05T00:00:00Z'))).toBe(0);
    expect(elapsedShare({ ...window, status: 'screening' }, at('2026-03-05T00:00:00Z'))).toBe(0);
    expect(elapsedShare({ ...window, status: 'deliberation' }, at('2026-03-05T00:00:00Z'))).toBe(1);
  });

  it('finds the conflicts by municipality and by institution (normalised) and counts only scoring cells', () => {
    const m = buildMatrix(facts(), at('2026-03-02T00:00:00Z'));
    expect(m.rows[0].cells.map((c) => c.state)).toEqual(['conflict', 'conflict', 'notStarted']);
    expect(m.rows[1].cells.map((c) => c.state)).toEqual(['submitted', 'draft', 'notStarted']);
    expect(m.conflicts.map((c) => [c.juror.id, c.nomination.id, c.kind, c.reason])).toEqual([[1, 100, 'municipality', 'Подольск'], [1, 101, 'institution', '«ДГБ»']]);
    expect(m.rows.map((r) => r.progress)).toEqual([{ assigned: 1, submitted: 0, completion: 0 }, { assigned: 3, submitted: 1, completion: 1 / 3 }]);
    expect(m.columns.map((c) => c.progress.assigned)).toEqual([1, 1, 2]);
  });

  it('calls a juror behind below the share of the window gone by, and anyone unfinished after the deadline', () => {
    expect(buildMatrix(facts(), at('2026-03-02T00:00:00Z')).behind.map((b) => b.juror.id)).toEqual([1]);
    expect(buildMatrix(facts(), at('2026-03-06T00:00:00Z')).behind.map((b) => b.juror.id)).toEqual([1, 2]);
    expect(buildMatrix(facts(), at('2026-02-01T00:00:00Z')).behind).toEqual([]);
  });

  it('shows a recusal instead of the assignment it removed, and filters rows and columns by state', () => {
    const m = buildMatrix(facts({ declared: [{ jurorId: 1, nominationId: 102, reason: 'соседи' }], assignments: [] }), at('2026-03-02T00:00:00Z'));
    expect(m.rows[0].cells[2]).toMatchObject({ state: 'recused', assigned: false });
    expect(m.conflicts.at(-1)).toMatchObject({ kind: 'declared', reason: 'соседи' });
    const shown = filterMatrix(m, { state: 'recused' });
    expect(shown.rows.map((r) => r.juror.id)).toEqual([1]);
    expect(shown.columns.map((c) => c.nomination.id)).toEqual([102]);
  });
});
