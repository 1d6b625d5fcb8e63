import { useTestApp } from '../support/harness';
import { auditOf, cycleRow, insertCycle } from '../support/cycle-fixtures';
import { advancePhasesByClock } from '../../src/cycles/phase-clock';

describe('the phase clock', () => {
  const t = useTestApp();
  const now = new Date('2026-03-02T12:00:00Z');
  const past = '2026-03-01T20:59:00Z';
  const future = '2026-03-05T20:59:00Z';

  it('closes nominations and judging whose end has passed, and leaves every other cycle alone', async () => {
    const closing = await insertCycle(t.ds, { status: 'nominations_open', nominationsStart: '2026-02-01T06:00:00Z', nominationsEnd: past });
    const justNow = await insertCycle(t.ds, { status: 'nominations_open', nominationsStart: '2026-02-01T06:00:00Z', nominationsEnd: now.toISOString() });
    const judged = await insertCycle(t.ds, { status: 'judging', nominationsStart: null, nominationsEnd: null, judgingEnd: past });
    const stillOpen = await insertCycle(t.ds, { status: 'nominations_open', nominationsStart: '2026-02-01T06:00:00Z', nominationsEnd: future });
    const draft = await insertCycle(t.ds, { status: 'draft', nominationsStart: '2026-02-01T06:00:00Z', nominationsEnd: past });
    const screening = await insertCycle(t.ds, { status: 'screening', nominationsStart: '2026-02-01T06:00:00Z', nominationsEnd: past, judgingEnd: past });
    const judgingOpenEnded = await insertCycle(t.ds, { status: 'judging', judgingEnd: null });

    const moves = await advancePhasesByClock(t.ds, now);

    expect(moves.sort((a, b) => a.cycleId - b.cycleId)).toEqual([
      { cycleId: closing, from: 'nominations_open', to: 'screening' },
      { cycleId: justNow, from: 'nominations_open', to: 'screening' },
      { cycleId: judged, from: 'judging', to: 'deliberation' },
    ]);
    const status = async (id: number) => (await cycleRow(t.ds, id)).status;
    expect(await status(closing)).toBe('screening');
    expect(await status(judged)).toBe('deliberation');
    expect(await status(stillOpen)).toBe('nominations_open');
    expect(await status(draft)).toBe('draft');
    expect(await status(screening)).toBe('screening');
    expect(await status(judgingOpenEnded)).toBe('judging');
    // the version moves too, so an edit form opened before the clock struck is refused as stale
    expect((await cycleRow(t.ds, closing)).version).toBe(2);
  });

  it('records each move in the audit log with no person as the actor', async () => {
    const id = await insertCycle(t.ds, { status: 'nominations_open', nominationsStart: '2026-02-01T06:00:00Z', nominationsEnd: past });
    await advancePhasesByClock(t.ds, now);
    expect(await auditOf(t.ds, 'cycle', id)).toEqual([
      { actor_id: null, action: 'cycle.phase', from_state: 'nominations_open', to_state: 'screening', data: { by: 'clock' } },
    ]);
  });

  it('does nothing the second time: running it again, or in several processes at once, moves each cycle once', async () => {
    const id = await insertCycle(t.ds, { status: 'judging', judgingEnd: past });
    const runs = await Promise.all([1, 2, 3, 4].map(() => advancePhasesByClock(t.ds, now)));
    expect(runs.flat().filter((m) => m.cycleId === id)).toHaveLength(1);
    expect(await advancePhasesByClock(t.ds, now)).toEqual([]);
    expect(await auditOf(t.ds, 'cycle', id)).toHaveLength(1);
    expect((await cycleRow(t.ds, id)).status).toBe('deliberation');
  });
});
