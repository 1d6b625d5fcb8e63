import fc from 'fast-check';
import { buildMatrix, type MatrixFacts } from '../../src/jury/matrix';
import { handChangeProblem } from '../../src/jury/hand-rules';
import { planAssignments } from '../../src/jury/assignment-plan';

type Pair = { jurorId: number; nominationId: number };
type Action = { kind: 'assign'; j: number; n: number } | { kind: 'move'; n: number; from: number; to: number } | { kind: 'unassign'; j: number; n: number };

/** A category in k mode: jurors and nominations from a few municipalities (same municipality = conflict), some recusals. */
const sceneArb = fc
  .record({
    jurors: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 6 }),
    nominations: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }),
    k: fc.integer({ min: 1, max: 3 }),
    recusals: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    actions: fc.array(fc.tuple(fc.constantFrom('assign', 'move', 'unassign'), fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 40 }),
  })
  .map((s) => ({
    ...s,
    jurorIds: s.jurors.map((_m, i) => i + 1),
    nominationIds: s.nominations.map((_m, i) => 100 + i),
    declared: s.recusals.map(([j, n]) => ({ jurorId: (j % s.jurors.length) + 1, nominationId: 100 + (n % s.nominations.length) })),
  }));

/** Jurors 1…, nominations 100…; `jurors` and `nominations` hold their municipalities. */
interface Scene {
  jurors: number[];
  nominations: number[];
  k: number;
  declared: Pair[];
  jurorIds: number[];
  nominationIds: number[];
}

function factsOf(s: Scene, assignments: Pair[]): MatrixFacts {
  return {
    jurors: s.jurors.map((m, i) => ({ id: i + 1, fullName: `Ж${i + 1}`, municipalityId: m, municipalityName: `М${m}`, institution: null, member: true, chair: i === 0, active: true })),
    nominations: s.nominations.map((m, i) => ({ id: 100 + i, fullName: `Н${i}`, municipalityId: m, municipalityName: `М${m}`, institution: `Больница ${i}` })),
    assignments,
    declared: s.declared.map((d) => ({ ...d, reason: 'самоотвод' })),
    scorecards: [],
    window: { status: 'judging', judgingStart: null, judgingEnd: null },
    panel: { mode: 'k', k: s.k },
  };
}

/** The test's own reading of the rules, written without the code under test: who could take what, and the loads' spread. */
function model(s: Scene, assignments: Pair[]) {
  const municipalityOf = (id: number, list: number[], base: number) => list[id - base];
  const held = (j: number, n: number) => assignments.some((a) => a.jurorId === j && a.nominationId === n);
  const eligible = (j: number, n: number) =>
    municipalityOf(j, s.jurors, 1) !== municipalityOf(n, s.nominations, 100) && !s.declared.some((d) => d.jurorId === j && d.nominationId === n) && !held(j, n);
  const load = (j: number) => assignments.filter((a) => a.jurorId === j).length;
  const free = s.jurorIds.filter((j) => s.nominationIds.some((n) => eligible(j, n)));
  const spread = free.length ? Math.max(...s.jurorIds.map(load)) - Math.min(...free.map(load)) : 0;
  const count = (n: number) => assignments.filter((a) => a.nominationId === n).length;
  return { held, eligible, spread, count };
}

describe('hand changes of assignments in k mode (property tests against the rules written out)', () => {
  it('never put more than k jurors on a nomination, and never widen the loads\' gap beyond one', () => {
    fc.assert(
      fc.property(sceneArb, (s) => {
        const plan = planAssignments({
          jurors: s.jurors.map((m, i) => ({ id: i + 1, municipalityId: m, institution: null })),
          nominations: s.nominations.map((m, i) => ({ id: 100 + i, municipalityId: m, institution: `Больница ${i}` })),
          mode: 'k', k: s.k, existing: [], declared: s.declared,
        });
        let assignments: Pair[] = plan.add.map((p) => ({ ...p }));
        for (const [kind, a, b, c] of s.actions) {
          const n = s.nominationIds[a % s.nominationIds.length];
          const j = s.jurorIds[b % s.jurorIds.length];
          const other = s.jurorIds[c % s.jurorIds.length];
          const action: Action = kind === 'move' ? { kind, n, from: j, to: other } : { kind, j, n };
          const before = model(s, assignments);
          if (action.kind === 'unassign') {
            if (before.held(j, n)) assignments = assignments.filter((p) => !(p.jurorId === j && p.nominationId === n));
            continue;
          }
          const to = action.kind === 'move' ? action.to : action.j;
          const from = action.kind === 'move' ? action.from : undefined;
          if (!before.eligible(to, n) || (from !== undefined && (from === to || !before.held(from, n)))) continue;
          const next = [...assignments.filter((p) => !(p.jurorId === from && p.nominationId === n)), { jurorId: to, nominationId: n }];
          const after = model(s, next);
          const refused = handChangeProblem(buildMatrix(factsOf(s, assignments), new Date()), { nominationId: n, to, from });
          if (refused?.problem === 'full') {
            expect(from).toBeUndefined();
            expect(before.count(n)).toBeGreaterThanOrEqual(s.k);
          } else if (refused?.problem === 'unbalanced') {
            expect(after.spread).toBeGreaterThan(Math.max(1, before.spread));
          } else {
            expect(after.count(n)).toBeLessThanOrEqual(s.k);
            expect(after.spread).toBeLessThanOrEqual(Math.max(1, before.spread));
            assignments = next;
          }
        }
        for (const n of s.nominationIds) expect(model(s, assignments).count(n)).toBeLessThanOrEqual(s.k);
      }),
      { numRuns: 300 },
    );
  });

  it('keep loads within one for good when there are no conflicts, whatever the admin assigns and moves', () => {
    fc.assert(
      fc.property(sceneArb, (raw) => {
        // everyone from a municipality no nomination comes from, no recusals
        const s = { ...raw, jurors: raw.jurors.map(() => 99), declared: [] };
        let assignments: Pair[] = planAssignments({
          jurors: s.jurorIds.map((id) => ({ id, municipalityId: 99, institution: null })),
          nominations: s.nominations.map((m, i) => ({ id: 100 + i, municipalityId: m, institution: `Больница ${i}` })),
          mode: 'k', k: s.k, existing: [], declared: [],
        }).add;
        for (const [kind, a, b, c] of s.actions) {
          if (kind === 'unassign') continue;
          const n = s.nominationIds[a % s.nominationIds.length];
          const to = s.jurorIds[c % s.jurorIds.length];
          const from = kind === 'move' ? s.jurorIds[b % s.jurorIds.length] : undefined;
          const m = model(s, assignments);
          if (!m.eligible(to, n) || (from !== undefined && (from === to || !m.held(from, n)))) continue;
          if (handChangeProblem(buildMatrix(factsOf(s, assignments), new Date()), { nominationId: n, to, from })) continue;
          assignments = [...assignments.filter((p) => !(p.jurorId === from && p.nominationId === n)), { jurorId: to, nominationId: n }];
          expect(model(s, assignments).spread).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('judge nothing when every panel juror scores every nomination', () => {
    const s = { jurors: [1, 2], nominations: [3, 4], k: 1, declared: [], jurorIds: [1, 2], nominationIds: [100, 101] } as unknown as Scene;
    const facts = { ...factsOf(s, [{ jurorId: 1, nominationId: 100 }, { jurorId: 2, nominationId: 100 }]), panel: { mode: 'all' as const, k: null } };
    expect(handChangeProblem(buildMatrix(facts, new Date()), { nominationId: 101, to: 1 })).toBeNull();
  });
});
