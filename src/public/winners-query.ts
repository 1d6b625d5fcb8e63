import type { EntityManager } from 'typeorm';
import type { CycleKind } from '../cycles/cycle.entity';
import { statusIn } from '../nominations/statuses';
import { publicFieldsOf } from '../consent/public-fields';
import { publicPerson, type PersonalData, type PublicPerson } from '../consent/public-view';

/**
 * What the public may read: cycles whose results are published (or archived after publication), their winners
 * with places, and each winner's valid diploma. Nothing of any other cycle is ever selected here, and of a
 * winner only what their publication consent allows (consent/public-view.ts) leaves this module.
 */

export interface PublicCycle {
  id: number;
  slug: string;
  name: string;
  year: number;
  description: string;
  publishedAt: Date | null;
  /** anyone may download the anonymised scores */
  publicScores: boolean;
  /**
   * A digest of what the publication consents of the cycle's winners allow now: the winners cache compares it,
   * so a consent changed or withdrawn through another app process shows within seconds here too.
   */
  consentState: string;
}

export interface PublicWinner extends PublicPerson {
  nomination: number;
  place: number;
  /** the winner's valid diploma, once issued */
  certificate: { number: string; code: string } | null;
}

export interface PublicCategory {
  id: number;
  name: string;
  winners: PublicWinner[];
}

export interface WinnersList {
  cycle: PublicCycle;
  categories: PublicCategory[];
}

const PUBLIC = `status IN ('published', 'archived')`;
const CONSENT_STATE = `(SELECT md5(coalesce(string_agg(concat_ws(':', pc.nomination_id, pc.full_name, pc.position, pc.institution, pc.municipality, pc.withdrawn_at IS NULL), ',' ORDER BY pc.nomination_id), ''))
    FROM publication_consent pc JOIN nomination n ON n.id = pc.nomination_id WHERE n.cycle_id = cycle.id AND n.place IS NOT NULL)`;
const CYCLE_COLUMNS = `id, slug, name, year, description, published_at AS "publishedAt", public_scores AS "publicScores", ${CONSENT_STATE} AS "consentState"`;

export async function publishedCycle(m: EntityManager, slug: string): Promise<PublicCycle | null> {
  const rows: PublicCycle[] = await m.query(`SELECT ${CYCLE_COLUMNS} FROM cycle WHERE slug = $1 AND ${PUBLIC}`, [slug]);
  return rows[0] ?? null;
}

/** The most recently published cycle (by publication, then year). */
export async function latestPublishedCycle(m: EntityManager): Promise<PublicCycle | null> {
  const rows: PublicCycle[] = await m.query(`SELECT ${CYCLE_COLUMNS} FROM cycle WHERE ${PUBLIC} ORDER BY published_at DESC NULLS LAST, year DESC, id DESC LIMIT 1`);
  return rows[0] ?? null;
}

interface WinnerRow extends PersonalData {
  nomination: number | null;
  place: number;
  category_id: number;
  category: string;
  cert_number: string | null;
  cert_code: string | null;
}

/** Every category of the cycle in page order with its winners in place order, in one query. */
export async function winnersOf(m: EntityManager, cycleId: number): Promise<PublicCategory[]> {
  const rows: WinnerRow[] = await m.query(
    `SELECT k.id AS category_id, k.name AS category, n.id AS nomination, n.place,
            ne.last_name AS "lastName", ne.first_name AS "firstName", ne.patronymic, ne.position, ne.institution, mu.name AS municipality,
            cert.number AS cert_number, cert.code AS cert_code
       FROM category k
       LEFT JOIN nomination n ON n.category_id = k.id AND ${statusIn('awarded')} AND n.place IS NOT NULL
       LEFT JOIN nominee ne ON ne.id = n.nominee_id
       LEFT JOIN municipality mu ON mu.id = n.municipality_id
       LEFT JOIN LATERAL (SELECT x.number, x.code FROM certificate x
                           WHERE x.nomination_id = n.id AND x.kind = 'winner' AND x.revoked_at IS NULL ORDER BY x.id DESC LIMIT 1) cert ON true
      WHERE k.cycle_id = $1
      ORDER BY k.sort_order, k.id, n.place, n.id`,
    [cycleId],
  );
  const allowed = await publicFieldsOf(m, rows.flatMap((r) => (r.nomination === null ? [] : [r.nomination])));
  const categories: PublicCategory[] = [];
  for (const r of rows) {
    let category = categories[categories.length - 1];
    if (!category || category.id !== r.category_id) categories.push((category = { id: r.category_id, name: r.category, winners: [] }));
    if (r.nomination === null) continue;
    category.winners.push({
      nomination: r.nomination,
      place: r.place,
      ...publicPerson(r, allowed.get(r.nomination)!),
      certificate: r.cert_code ? { number: r.cert_number!, code: r.cert_code } : null,
    });
  }
  return categories;
}

export interface OpenCycle {
  slug: string;
  name: string;
  kind: CycleKind;
  nominationsStart: Date | null;
  nominationsEnd: Date | null;
}

/** Cycles open for nominations (some may start taking them later), the nearest deadline first. */
export async function openCycles(m: EntityManager): Promise<OpenCycle[]> {
  return m.query(
    `SELECT slug, name, kind, nominations_start AS "nominationsStart", nominations_end AS "nominationsEnd"
       FROM cycle WHERE status = 'nominations_open' ORDER BY nominations_end NULLS LAST, id`,
  );
}
