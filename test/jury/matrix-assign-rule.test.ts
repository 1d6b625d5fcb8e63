import fc from 'fast-check';
import { buildMatrix, type MatrixFacts } from '../../src/jury/matrix';
import { assignProblemOf, handChangeProblem } from '../../src/jury/hand-rules';

const window = { status: 'judging' as const, judgingStart: null, judgingEnd: null };

/**
 * Small categories of every shape: jurors in or out of the panel, active or not, from a few municipalities and
 * institutions (so conflicts happen), nominations, some assignments, recusals and scorecards, all or k mode.
 */
const factsArb = fc
  .record({
    jurors: fc.array(fc.record({ municipality: fc.integer({ min: 0, max: 3 }), institution: fc.integer({ min: 0, max: 3 }), member: fc.boolean(), active: fc.boolean() }), { maxLength: 6 }),
    nominations: fc.array(fc.record({ municipality: fc.integer({ min: 1, max: 4 }), institution: fc.integer({ min: 1, max: 4 }) }), { maxLength: 6 }),
    pairs: fc.array(fc.record({ j: fc.nat(5), n: fc.nat(5), what: fc.constantFrom('assigned', 'recused', 'draft', 'submitted') }), { maxLength: 30 }),
    panel: fc.option(fc.record({ mode: fc.constantFrom('all' as const, 'k' as const), k: fc.option(fc.integer({ min: 1, max: 4 })) })),
  })
  .map(({ jurors, nominations, pairs, panel }): MatrixFacts => {
    const js = jurors.map((j, i) => ({
      id: i + 1, fullName: `J${i}`, municipalityId: j.municipality || null, municipalityName: null, institution: `I${j.institution}`, member: j.member, chair: false, active: j.active,
    }));
    const ns = nominations.map((n, i) => ({ id: 100 + i, fullName: `N${i}`, municipalityId: n.municipality, municipalityName: `M${n.municipality}`, institution: `I${n.institution}` }));
    const seen = new Set<string>();
    const real = pairs.filter((p) => p.j < js.length && p.n < ns.length && !seen.has(`${p.j}:${p.n}`) && seen.add(`${p.j}:${p.n}`));
    return {
      jurors: js,
      nominations: ns,
      assignments: real.filter((p) => p.what !== 'recused').map((p) => ({ jurorId: p.j + 1, nominationId: 100 + p.n })),
      declared: real.filter((p) => p.what === 'recused').map((p) => ({ jurorId: p.j + 1, nominationId: 100 + p.n, reason: 'r' })),
      scorecards: real.filter((p) => p.what === 'draft' || p.what === 'submitted').map((p, i) => ({ id: i + 1, jurorId: p.j + 1, nominationId: 100 + p.n, status: p.what as 'draft' | 'submitted' })),
      window,
      panel,
    };
  });

describe('the matrix page\'s one-pass «назначить» rule', () => {
  it('answers exactly what handChangeProblem answers, for every juror and nomination of any matrix (and an unknown nomination)', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const matrix = buildMatrix(facts, new Date('2026-03-05T00:00:00Z'));
        const problem = assignProblemOf(matrix);
        for (const juror of [...facts.jurors.map((j) => j.id), 999]) {
          for (const nominationId of [...facts.nominations.map((n) => n.id), 999]) {
            const fast = JSON.stringify(problem(juror, nominationId));
            const rule = JSON.stringify(handChangeProblem(matrix, { nominationId, to: juror }));
            if (fast !== rule) throw new Error(`juror ${juror}, nomination ${nominationId}: ${fast} instead of ${rule}`);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds both refusals among the cases it checks, so the agreement above is not only on «no problem»', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(factsArb, (facts) => {
        const matrix = buildMatrix(facts, new Date('2026-03-05T00:00:00Z'));
        const problem = assignProblemOf(matrix);
        for (const j of facts.jurors) for (const n of facts.nominations) seen.add(problem(j.id, n.id)?.problem ?? 'none');
      }),
      { numRuns: 500, seed: 42 },
    );
    expect([...seen].sort()).toEqual(['full', 'none', 'unbalanced']);
  });
});
