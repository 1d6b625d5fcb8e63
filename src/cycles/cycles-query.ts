import { notFound } from '../web/http-error';
import { parseId } from '../web/forms';
import type { EntityManager } from 'typeorm';
import { Cycle, type CycleKind, type CycleStatus } from './cycle.entity';
import { Category } from './category.entity';
import { statusIn } from '../nominations/statuses';

export interface CycleRow {
  id: number;
  name: string;
  year: number;
  code: string;
  kind: CycleKind;
  status: CycleStatus;
  nominationsStart: Date | null;
  nominationsEnd: Date | null;
  categories: number;
  nominations: number;
}

/** Every cycle, newest first, with how many categories and (non-draft) nominations it holds. */
export async function listCycles(m: EntityManager, limit = 1000): Promise<CycleRow[]> {
  const rows: Array<Omit<CycleRow, 'nominationsStart' | 'nominationsEnd'> & { nominations_start: Date | null; nominations_end: Date | null }> = await m.query(
    `SELECT c.id, c.name, c.year, c.code, c.kind, c.status, c.nominations_start, c.nominations_end,
            (SELECT count(*)::int FROM category k WHERE k.cycle_id = c.id) AS categories,
            (SELECT count(*)::int FROM nomination n WHERE n.cycle_id = c.id AND ${statusIn('lodged')}) AS nominations
       FROM cycle c ORDER BY c.year DESC, c.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map(({ nominations_start, nominations_end, ...r }) => ({ ...r, nominationsStart: nominations_start, nominationsEnd: nominations_end }));
}

export function getCycle(m: EntityManager, id: number): Promise<Cycle | null> {
  return m.findOne(Cycle, { where: { id } });
}

export function getCategory(m: EntityManager, id: number): Promise<Category | null> {
  return m.findOne(Category, { where: { id } });
}

export interface CategoryRow extends Category {
  /** every nomination in the category, drafts included: any of them keeps it from being deleted */
  nominations: number;
}

/** A cycle's categories in the order of its page. */
export async function listCategories(m: EntityManager, cycleId: number): Promise<CategoryRow[]> {
  const categories = await m.find(Category, { where: { cycleId }, order: { sortOrder: 'ASC', id: 'ASC' } });
  if (!categories.length) return [];
  const counts: Array<{ category_id: number; n: number }> = await m.query(
    `SELECT category_id, count(*)::int AS n FROM nomination WHERE cycle_id = $1 AND category_id IS NOT NULL GROUP BY category_id`,
    [cycleId],
  );
  const byId = new Map(counts.map((c) => [c.category_id, c.n]));
  return categories.map((c) => Object.assign(c, { nominations: byId.get(c.id) ?? 0 }));
}

export async function countNominationsIn(m: EntityManager, categoryId: number): Promise<number> {
  const [{ n }]: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM nomination WHERE category_id = $1`, [categoryId]);
  return n;
}

/** The cycle named by a route parameter, or a 404 (malformed and unknown ids alike). */
export async function cycleOr404(m: EntityManager, raw: unknown) {
  const id = parseId(raw);
  const cycle = id ? await getCycle(m, id) : null;
  if (!cycle) throw notFound();
  return cycle;
}
