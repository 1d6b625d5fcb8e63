import type { EntityManager } from 'typeorm';
import { RANKING_SCOPES, type Cycle } from '../cycles/cycle.entity';
import { Track } from './track.entity';
import { rankingsOf } from './selection';

/**
 * The ranking-scope choice on a programme's cycle form: radio buttons while it is a draft, the chosen scope as
 * text afterwards (applications already chose by it). Null for an award: its form shows nothing.
 */
export function rankingScopeField(cycle: Cycle | undefined, values: Record<string, unknown>) {
  if (cycle?.kind !== 'programme') return null;
  const chosen = cycle.status === 'draft' && typeof values.rankingScope === 'string' ? values.rankingScope : cycle.rankingScope;
  return {
    editable: cycle.status === 'draft',
    currentKey: `programmeApplications.scope.${cycle.rankingScope}`,
    choices: RANKING_SCOPES.map((scope) => ({
      scope,
      labelKey: `programmeApplications.scope.${scope}`,
      hintKey: `programmeApplications.scope.hint.${scope}`,
      checked: chosen === scope,
    })),
  };
}

/**
 * The «Отбор» section of a programme's admin page: each ranking (a category kept by selection.ts) with links to
 * the jury's and the results' pages, which work per category as for an award.
 */
export async function selectionSection(m: EntityManager, cycle: Cycle) {
  const rankings = await rankingsOf(m, cycle.id);
  const trackNames = new Map((await m.find(Track, { where: { cycleId: cycle.id } })).map((t) => [t.id, t.name]));
  return {
    scopeKey: `programmeApplications.scope.${cycle.rankingScope}`,
    screeningHref: `/admin/cycles/${cycle.id}/nominations`,
    rankings: rankings.map((r) => {
      const base = `/admin/categories/${r.categoryId}`;
      return {
        id: r.categoryId,
        name: r.name,
        tracks: r.trackIds.map((id) => trackNames.get(id) ?? '').join(', '),
        links: [
          { href: `${base}/criteria`, labelKey: 'programmeApplications.selection.criteria' },
          { href: `${base}/panel`, labelKey: 'programmeApplications.selection.panel' },
          { href: `${base}/conflicts`, labelKey: 'programmeApplications.selection.conflicts' },
          { href: `${base}/matrix`, labelKey: 'programmeApplications.selection.matrix' },
          { href: `${base}/results`, labelKey: 'programmeApplications.selection.results' },
        ],
      };
    }),
  };
}
