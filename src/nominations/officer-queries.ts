import type { EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Category } from '../cycles/category.entity';
import { isIn, statusIn } from './statuses';
import { officerScopeSql } from './scope';
import { timeLeft, type TimeLeft } from './time-left';
import { opensLater } from './rules';
import { fullName } from '../text/normalise';

/**
 * Read models of the officer's pages. Every query is scoped by the officer's municipality (or its
 * region, for cycles), so another municipality's nomination, nominee or document is simply not found.
 */

export interface CategoryCard {
  id: number;
  name: string;
  description: string;
  minYearsPractice: number;
  pastWinnersExcludedYears: number;
  requiredDocumentKeys: string[];
  quota: number | null;
  /** how many more the municipality may submit; null when the category has no quota */
  remaining: number | null;
}

export interface OpenCycleCard {
  id: number;
  kind: string;
  name: string;
  description: string;
  nominationsStart: Date | null;
  nominationsEnd: Date | null;
  acceptingNow: boolean;
  notYetOpen: boolean;
  timeLeft: TimeLeft | null;
  categories: CategoryCard[];
}

/** A cycle of the officer's region, as the forms need it; draft cycles are not announced yet. */
export async function cycleForOfficer(m: EntityManager, municipalityId: number, cycleId: number): Promise<Cycle | null> {
  return m
    .createQueryBuilder(Cycle, 'c')
    .innerJoin('municipality', 'mu', 'mu.region_id = c.region_id AND mu.id = :municipalityId', { municipalityId })
    .where('c.id = :cycleId AND c.status <> :draft', { cycleId, draft: 'draft' })
    .getOne();
}

/** The cycles taking nominations, each category with its rules and what is left of the quota. */
export async function openCyclesFor(m: EntityManager, municipalityId: number, now: Date): Promise<OpenCycleCard[]> {
  const cycles = await m
    .createQueryBuilder(Cycle, 'c')
    .innerJoin('municipality', 'mu', 'mu.region_id = c.region_id AND mu.id = :municipalityId', { municipalityId })
    .where('c.status = :status', { status: 'nominations_open' })
    .orderBy('c.nominations_end', 'ASC', 'NULLS LAST')
    .addOrderBy('c.id', 'ASC')
    .getMany();
  const cards = await categoryCards(m, municipalityId, cycles.map((c) => c.id));
  return cycles.map((c) => {
    const notYetOpen = opensLater(c, now) !== null;
    const ended = !!c.nominationsEnd && now >= c.nominationsEnd;
    return {
      id: c.id, kind: c.kind, name: c.name, description: c.description, nominationsStart: c.nominationsStart, nominationsEnd: c.nominationsEnd,
      // time left only counts down while nominations are taken: before the start it would read as open
      acceptingNow: !notYetOpen && !ended, notYetOpen, timeLeft: ended || notYetOpen ? null : timeLeft(now, c.nominationsEnd),
      categories: cards.filter((k) => k.cycleId === c.id),
    };
  });
}

/**
 * The categories of some cycles with their rules and what is left of the municipality's quota in each.
 * `forNomination`: the cards are shown on that nomination's form, so its own place is not counted
 * against it (a returned nomination holds its place and may be resubmitted; submission counts the same way).
 */
export async function categoryCards(m: EntityManager, municipalityId: number, cycleIds: number[], forNomination: number | null = null): Promise<Array<CategoryCard & { cycleId: number }>> {
  if (!cycleIds.length) return [];
  const categories = await m.createQueryBuilder(Category, 'k').where('k.cycle_id IN (:...cycleIds)', { cycleIds }).orderBy('k.sort_order').addOrderBy('k.name').getMany();
  const used: Array<{ category_id: number; n: number }> = await m.query(
    `SELECT n.category_id, count(*)::int AS n FROM nomination n
      WHERE ${officerScopeSql('$1')} AND n.cycle_id = ANY($2) AND n.category_id IS NOT NULL AND ${statusIn('active')} AND n.id IS DISTINCT FROM $3
      GROUP BY n.category_id`,
    [municipalityId, cycleIds, forNomination],
  );
  const usedOf = new Map(used.map((u) => [u.category_id, u.n]));
  return categories.map((k) => ({
    id: k.id, cycleId: k.cycleId, name: k.name, description: k.description, minYearsPractice: k.minYearsPractice, pastWinnersExcludedYears: k.pastWinnersExcludedYears,
    requiredDocumentKeys: k.requiredDocuments.map((d) => `nominations.documentKinds.${d}`),
    quota: k.quotaPerMunicipality,
    remaining: k.quotaPerMunicipality === null ? null : Math.max(0, k.quotaPerMunicipality - (usedOf.get(k.id) ?? 0)),
  }));
}

export interface NominationListRow {
  id: number;
  cycleName: string;
  categoryName: string | null;
  nomineeName: string;
  status: string;
  statusReason: string | null;
  updatedAt: Date;
}

/** Every nomination of the municipality, in every cycle, the latest change first. */
export async function municipalityNominations(m: EntityManager, municipalityId: number): Promise<NominationListRow[]> {
  const rows: Array<{ id: number; cycle_name: string; category_name: string | null; last_name: string; first_name: string; patronymic: string; status: string; status_reason: string | null; updated_at: Date }> = await m.query(
    `SELECT n.id, c.name AS cycle_name, k.name AS category_name, p.last_name, p.first_name, p.patronymic, n.status, n.status_reason, n.updated_at
       FROM nomination n JOIN cycle c ON c.id = n.cycle_id JOIN nominee p ON p.id = n.nominee_id LEFT JOIN category k ON k.id = n.category_id
      WHERE ${officerScopeSql('$1')}
      ORDER BY n.updated_at DESC, n.id DESC`,
    [municipalityId],
  );
  return rows.map((r) => ({
    id: r.id, cycleName: r.cycle_name, categoryName: r.category_name, nomineeName: fullName({ lastName: r.last_name, firstName: r.first_name, patronymic: r.patronymic }),
    status: r.status, statusReason: isIn('withReason', r.status) ? r.status_reason : null, updatedAt: r.updated_at,
  }));
}

// One nomination, nominee or document of the officer's: nominations/scope.ts (the same scope for reads and writes).
export type { OwnNomination } from './scope';

export interface NomineeHit {
  id: number;
  fullName: string;
  position: string;
  institution: string;
  specialty: string;
  yearsOfPractice: number | null;
}

/**
 * The municipality's nominees whose name contains the query (case, «ё» and spacing ignored); one row
 * per person name — the latest record — since each new nomination may have typed the person again.
 */
export async function searchNominees(m: EntityManager, municipalityId: number, query: string, limit = 30): Promise<NomineeHit[]> {
  const needle = query.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows: Array<{ id: number; last_name: string; first_name: string; patronymic: string; position: string; institution: string; specialty: string; years_of_practice: number | null }> = await m.query(
    `SELECT * FROM (
       SELECT DISTINCT ON (key) * FROM (
         SELECT p.*, replace(regexp_replace(lower(trim(p.last_name || ' ' || p.first_name || ' ' || p.patronymic)), '\\s+', ' ', 'g'), 'ё', 'е') AS key FROM nominee p
          WHERE p.municipality_id = $1 AND (p.last_name <> '' OR p.first_name <> '')
       ) named WHERE key LIKE $2
       ORDER BY key, updated_at DESC, id DESC
     ) latest ORDER BY last_name, first_name, patronymic LIMIT $3`,
    [municipalityId, pattern, limit],
  );
  return rows.map((r) => ({
    id: r.id, fullName: fullName({ lastName: r.last_name, firstName: r.first_name, patronymic: r.patronymic }),
    position: r.position, institution: r.institution, specialty: r.specialty, yearsOfPractice: r.years_of_practice,
  }));
}
