import fc from 'fast-check';
import { planAssignments, type PlanInput } from '../../src/jury/assignment-plan';
import { automaticConflict } from '../../src/jury/conflict-rules';

const institutions = ['Химкинская больница', 'ХИМКИНСКАЯ  больница', '«Химкинская больница»', 'Подольская ДГБ', 'Коломенская ЦРБ', 'Королёвская больница', 'Королевская больница'];

const scene = fc
  .record({
    jurors: fc.array(fc.record({ municipalityId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), institution: fc.option(fc.constantFrom(...institutions), { nil: null }) }), { minLength: 1, maxLength: 9 }),
    nominations: fc.array(fc.record({ municipalityId: fc.integer({ min: 1, max: 5 }), institution: fc.constantFrom(...institutions) }), { minLength: 0, maxLength: 25 }),
    mode: fc.constantFrom<'all' | 'k'>('all', 'k'),
    k: fc.integer({ min: 1, max: 5 }),
    declaredSeed: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
  })
  .map(({ jurors, nominations, mode, k, declaredSeed }): PlanInput => {
    const js = jurors.map((j, i) => ({ id: 100 + i, ...j }));
    const ns = nominations.map((n, i) => ({ id: 1 + i, ...n }));
    const declared = ns.length ? declaredSeed.map(([a, b]) => ({ jurorId: js[a % js.length].id, nominationId: ns[b % ns.length].id })) : [];
    return { jurors: js, nominations: ns, mode, k, existing: [], declared };
  });

function loads(input: PlanInput, pairs: Array<{ jurorId: number }>): Map<number, number> {
  const m = new Map(input.jurors.map((j) => [j.id, 0]));
  for (const p of pairs) m.set(p.jurorId, m.get(p.jurorId)! + 1);
  return m;
}

describe('planning jury assignments', () => {
  it('never assigns a juror to a nomination from their municipality or institution, nor one they recused from', () => {
    fc.assert(
      fc.property(scene, (input) => {
        const plan = planAssignments(input);
        const declared = new Set(input.declared.map((p) => `${p.jurorId}:${p.nominationId}`));
        for (const p of plan.add) {
          const juror = input.jurors.find((j) => j.id === p.jurorId)!;
          const nomination = input.nominations.find((n) => n.id === p.nominationId)!;
          expect(automaticConflict(juror, nomination)).toBeNull();
          expect(declared.has(`${p.jurorId}:${p.nominationId}`)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives each nomination k distinct jurors when enough are free of conflicts, and names the ones that lack jurors', () => {
    fc.assert(
      fc.property(scene, (input) => {
        const plan = planAssignments(input);
        const seen = new Set(plan.add.map((p) => `${p.jurorId}:${p.nominationId}`));
        expect(seen.size).toBe(plan.add.length);
        for (const n of input.nominations) {
          const eligible = input.jurors.filter((j) => !automaticConflict(j, n) && !input.declared.some((d) => d.jurorId === j.id && d.nominationId === n.id)).length;
          const got = plan.add.filter((p) => p.nominationId === n.id).length;
          const want = input.mode === 'all' ? input.jurors.length : input.k!;
          expect(got).toBe(Math.min(want, eligible));
          const lacking = plan.lacking.find((l) => l.nominationId === n.id);
          // in 'all' mode a nomination lacks jurors only when no juror is free of conflicts
          const need = input.mode === 'all' ? 1 : want;
          if (got < need) expect(lacking).toEqual({ nominationId: n.id, have: got, need });
          else expect(lacking).toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps jurors\' loads within one of each other when no conflict forbids it', () => {
    fc.assert(
      fc.property(scene, (input) => {
        const plan = planAssignments({ ...input, mode: 'k' });
        const load = loads(input, plan.add);
        for (const p of plan.add) {
          const n = input.nominations.find((x) => x.id === p.nominationId)!;
          for (const other of input.jurors) {
            const free = !automaticConflict(other, n) && !input.declared.some((d) => d.jurorId === other.id && d.nominationId === n.id) && !plan.add.some((q) => q.jurorId === other.id && q.nominationId === n.id);
            if (free) expect(load.get(p.jurorId)! - load.get(other.id)!).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('balances perfectly without conflicts: 10 nominations × 3 jurors over 4 jurors is 8/8/7/7', () => {
    const input: PlanInput = {
      jurors: [1, 2, 3, 4].map((id) => ({ id, municipalityId: null, institution: null })),
      nominations: Array.from({ length: 10 }, (_, i) => ({ id: 100 + i, municipalityId: 1, institution: 'X' })),
      mode: 'k', k: 3, existing: [], declared: [],
    };
    const load = [...loads(input, planAssignments(input).add).values()].sort();
    expect(load).toEqual([7, 7, 8, 8]);
  });

  it('compares institutions normalised: case, «ё/е», quotes and spacing do not matter', () => {
    const juror = { id: 1, municipalityId: 9, institution: 'ГБУЗ МО «Королёвская  больница»' };
    expect(automaticConflict(juror, { id: 1, municipalityId: 2, institution: 'гбуз мо "королевская больница"' })).toBe('institution');
    expect(automaticConflict(juror, { id: 1, municipalityId: 9, institution: 'Другая' })).toBe('municipality');
    expect(automaticConflict(juror, { id: 1, municipalityId: 2, institution: 'Другая' })).toBeNull();
  });

  it('keeps existing assignments and adds only what is missing', () => {
    const input: PlanInput = {
      jurors: [1, 2, 3].map((id) => ({ id, municipalityId: null, institution: null })),
      nominations: [{ id: 10, municipalityId: 1, institution: 'X' }],
      mode: 'k', k: 2, existing: [{ jurorId: 2, nominationId: 10 }], declared: [],
    };
    const plan = planAssignments(input);
    expect(plan.add).toHaveLength(1);
    expect(plan.add[0].jurorId).not.toBe(2);
  });
});
