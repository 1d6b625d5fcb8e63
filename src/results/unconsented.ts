import type { EntityManager } from 'typeorm';
import type { CategoryResults } from './category-results';
import { PUBLIC_FIELDS, publicFieldsOf, type PublicField } from '../consent/public-fields';

/**
 * The winners-to-be whose publication consent is missing or allows only part of their data: once the results are
 * published, the public pages show of them only what they allowed (consent/public-view.ts), so the admin must
 * see them before approving, and confirm, as with unscored nominations (unscored.ts).
 */
export interface UnconsentedWinner {
  id: number;
  fullName: string;
  municipality: string;
  /** the fields the winner allowed to be public; none: no consent (or it was withdrawn) */
  allowed: PublicField[];
}

export interface UnconsentedInCategory {
  categoryId: number;
  category: string;
  winners: UnconsentedWinner[];
}

/** Every category about to be approved with such winners, each in place order; none once approved. */
export async function unconsentedWinnersOf(m: EntityManager, results: CategoryResults[]): Promise<UnconsentedInCategory[]> {
  const deciding = results.filter((r) => !r.snapshot && r.computed?.ok && r.decision?.final?.length);
  const allowed = await publicFieldsOf(m, deciding.flatMap((r) => r.decision!.final!));
  return deciding
    .map((r) => {
      const byId = new Map(r.nominations.map((n) => [n.id, n]));
      const winners = r.decision!.final!
        .map((id) => ({ id, fields: PUBLIC_FIELDS.filter((f) => allowed.get(id)!.has(f)) }))
        .filter((w) => w.fields.length < PUBLIC_FIELDS.length)
        .map((w) => ({ id: w.id, fullName: byId.get(w.id)?.fullName ?? String(w.id), municipality: byId.get(w.id)?.municipality ?? '', allowed: w.fields }));
      return { categoryId: r.category.id, category: r.category.name, winners };
    })
    .filter((c) => c.winners.length > 0);
}
