import type { Cycle } from '../cycles/cycle.entity';
import { phaseKeys } from '../cycles/phases';
import type { Translator } from '../web/i18n';
import { METHODS } from './engine';
import type { CategoryResults } from './category-results';
import { approvalProblems } from './approval';
import { resultsAvailable } from './cycle-lock';
import { unscoredIn } from './unscored';

/** The cycle's results page as a view model: each category's state in words, and what the admin may do now. */

export type CategoryState = 'empty' | 'invalid' | 'undecided' | 'overridden' | 'computed' | 'approved';

export function stateOf(r: CategoryResults): CategoryState {
  if (!r.computed) return 'empty';
  if (!r.computed.ok) return 'invalid';
  if (r.snapshot) return 'approved';
  if (r.decision?.override) return 'overridden';
  if (r.decision?.final === null) return 'undecided';
  return 'computed';
}

export function namesOf(r: CategoryResults, ids: readonly (number | string)[]): string[] {
  const byId = new Map(r.nominations.map((n) => [n.key, n.fullName]));
  return ids.map((id) => byId.get(String(id)) ?? String(id));
}

export function cycleResultsView(cycle: Cycle, results: CategoryResults[], t: Translator) {
  const status = cycle.status;
  const available = resultsAvailable(cycle);
  const categories = results.map((r) => {
    const state = stateOf(r);
    const d = r.decision;
    return {
      id: r.category.id,
      name: r.category.name,
      maxWinners: r.category.maxWinners,
      nominations: r.nominations.length,
      stateKey: `results.state.${state}`,
      stateClass: `state-${state}`,
      computed: d ? namesOf(r, d.computed) : [],
      undecided: d ? namesOf(r, d.undecided) : [],
      final: d?.final ? namesOf(r, d.final) : [],
      overridden: !!d?.override,
      lastReason: r.overrides.length ? r.overrides[r.overrides.length - 1].reason : null,
      hash: r.snapshot?.inputHash ?? null,
      unscored: unscoredIn(r).length,
    };
  });
  const problems = status === 'deliberation' ? approvalProblems(results).map((p) => t(p.key, p.params)) : [];
  return {
    available,
    statusKey: phaseKeys(cycle.kind, status).label,
    methodKey: `results.methods.${cycle.resultsMethod}`,
    methods: METHODS.map((m) => ({ value: m, labelKey: `results.methods.${m}`, selected: m === cycle.resultsMethod })),
    canChangeMethod: status === 'deliberation',
    categories,
    problems,
    canApprove: status === 'deliberation' && problems.length === 0,
    canReopen: status === 'approved',
    canPublish: status === 'approved',
    canUnpublish: status === 'published',
    isPublic: status === 'published' || status === 'archived',
  };
}
