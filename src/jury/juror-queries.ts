import type { EntityManager } from 'typeorm';
import { trackChoicesSql } from '../programmes/track-choices-sql';
import type { CycleStatus } from '../cycles/cycle.entity';
import type { RubricBand } from './criterion.entity';
import type { JurorProfile } from './conflict-rules';
import { FULL_NAME_SQL } from '../nominations/screening-queries';
import { jurorMaySee, jurorScopeSql } from '../nominations/scope';
import { hotQuery } from '../db/prepared';

/**
 * What a juror may read, and nothing more: only their own assignments to accepted nominations, never a
 * recused or conflicted one, and only their own scorecard. No query here touches another juror's rows.
 */

// Which nominations a juror may read is the juror's scope (nominations/scope.ts): assigned, under judging or
// placed, not recused (jurorScopeSql), and not in automatic conflict (jurorMaySee); the actions use the same.

export interface JurorAssignmentRow {
  nominationId: number;
  fullName: string;
  municipalityId: number;
  municipalityName: string;
  institution: string;
  categoryId: number;
  categoryName: string;
  cycleId: number;
  cycleName: string;
  cycleStatus: CycleStatus;
  judgingStart: Date | null;
  judgingEnd: Date | null;
  blindJudging: boolean;
  confirmed: boolean;
  cardStatus: 'draft' | 'submitted' | null;
}

/** The juror's assignments in cycles that are not archived, grouped later by cycle and category. */
export async function jurorAssignments(m: EntityManager, juror: JurorProfile): Promise<JurorAssignmentRow[]> {
  const rows = await hotQuery<JurorAssignmentRow>(
    m,
    'laureate_juror_assignments',
    `SELECT n.id AS "nominationId", ${FULL_NAME_SQL} AS "fullName", n.municipality_id AS "municipalityId", mu.name AS "municipalityName",
            ne.institution, k.id AS "categoryId", k.name AS "categoryName", c.id AS "cycleId", c.name AS "cycleName", c.status AS "cycleStatus",
            c.judging_start AS "judgingStart", c.judging_end AS "judgingEnd", c.blind_judging AS "blindJudging",
            a.confirmed_no_conflict_at IS NOT NULL AS confirmed, s.status AS "cardStatus"
       FROM assignment a
       JOIN nomination n ON n.id = a.nomination_id
       JOIN nominee ne ON ne.id = n.nominee_id
       JOIN municipality mu ON mu.id = n.municipality_id
       JOIN category k ON k.id = n.category_id
       JOIN cycle c ON c.id = n.cycle_id
       LEFT JOIN scorecard s ON s.juror_id = a.juror_id AND s.nomination_id = a.nomination_id
      WHERE ${jurorScopeSql('$1')} AND c.status <> 'archived'
      ORDER BY c.year DESC, c.id DESC, k.sort_order, k.id, ne.last_name, ne.first_name, n.id`,
    [juror.id],
  );
  return rows.filter((r) => jurorMaySee(juror, { id: r.nominationId, municipalityId: r.municipalityId, institution: r.institution }));
}

/** The nominations the juror stepped away from, with their reason (the juror's own words). */
export async function jurorRecusals(m: EntityManager, jurorId: number): Promise<Array<{ nominationId: number; fullName: string; categoryName: string; reason: string }>> {
  return hotQuery(
    m,
    'laureate_juror_recusals',
    `SELECT n.id AS "nominationId", ${FULL_NAME_SQL} AS "fullName", k.name AS "categoryName", x.reason
       FROM conflict x JOIN nomination n ON n.id = x.nomination_id JOIN nominee ne ON ne.id = n.nominee_id
       JOIN category k ON k.id = n.category_id JOIN cycle c ON c.id = n.cycle_id
      WHERE x.juror_id = $1 AND x.kind = 'declared' AND c.status <> 'archived'
      ORDER BY x.created_at, x.id`,
    [jurorId],
  );
}

export interface JurorNomination {
  id: number;
  fullName: string;
  categoryId: number;
  categoryName: string;
  cycleName: string;
  cycleStatus: CycleStatus;
  judgingStart: Date | null;
  judgingEnd: Date | null;
  blind: boolean;
  confirmed: boolean;
  achievements: string;
  motivation: string;
  /** a programme's application: its ranked tracks in one line (null for an award's nomination) */
  trackChoices: string | null;
  nominee: { position: string; institution: string; specialty: string; yearsOfPractice: number | null };
  /** null when judging is blind: the juror must not learn who nominated */
  municipalityName: string | null;
  authorName: string | null;
}

/** One nomination as its juror reads it, or null when it is not theirs to read (unassigned, recused, conflicted). */
export async function jurorNomination(m: EntityManager, juror: JurorProfile, nominationId: number): Promise<JurorNomination | null> {
  const [row] = await hotQuery(
    m,
    'laureate_juror_nomination',
    `SELECT n.id, ${FULL_NAME_SQL} AS "fullName", k.id AS "categoryId", k.name AS "categoryName", c.name AS "cycleName", c.status AS "cycleStatus",
            c.judging_start AS "judgingStart", c.judging_end AS "judgingEnd", c.blind_judging AS blind,
            a.confirmed_no_conflict_at IS NOT NULL AS confirmed, n.achievements, n.motivation, ${trackChoicesSql('n')} AS "trackChoices",
            n.municipality_id AS "municipalityId", mu.name AS "municipalityName", au.full_name AS "authorName",
            ne.position, ne.institution, ne.specialty, ne.years_of_practice AS "yearsOfPractice"
       FROM assignment a
       JOIN nomination n ON n.id = a.nomination_id
       JOIN nominee ne ON ne.id = n.nominee_id
       JOIN municipality mu ON mu.id = n.municipality_id
       JOIN app_user au ON au.id = n.author_id
       JOIN category k ON k.id = n.category_id
       JOIN cycle c ON c.id = n.cycle_id
      WHERE a.nomination_id = $2 AND ${jurorScopeSql('$1')}`,
    [juror.id, nominationId],
  );
  if (!row || !jurorMaySee(juror, row)) return null;
  return {
    id: row.id,
    fullName: row.fullName,
    categoryId: row.categoryId,
    categoryName: row.categoryName,
    cycleName: row.cycleName,
    cycleStatus: row.cycleStatus,
    judgingStart: row.judgingStart,
    judgingEnd: row.judgingEnd,
    blind: row.blind,
    confirmed: row.confirmed,
    achievements: row.achievements,
    motivation: row.motivation,
    trackChoices: row.trackChoices,
    nominee: { position: row.position, institution: row.institution, specialty: row.specialty, yearsOfPractice: row.yearsOfPractice },
    municipalityName: row.blind ? null : row.municipalityName,
    authorName: row.blind ? null : row.authorName,
  };
}

export interface CriterionView {
  id: number;
  name: string;
  description: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  rubric: RubricBand[];
}

export async function categoryCriteria(m: EntityManager, categoryId: number): Promise<CriterionView[]> {
  return hotQuery(
    m,
    'laureate_category_criteria',
    `SELECT id, name, description, weight, scale_min AS "scaleMin", scale_max AS "scaleMax", rubric FROM criterion WHERE category_id = $1 ORDER BY sort_order, id`,
    [categoryId],
  );
}

/** The juror's own scorecard for a nomination (never anyone else's). */
export async function ownScorecard(m: EntityManager, jurorId: number, nominationId: number) {
  const [card] = await hotQuery<Record<string, unknown>>(m, 'laureate_own_scorecard', `SELECT id, status, comment, submitted_at AS "submittedAt" FROM scorecard WHERE juror_id = $1 AND nomination_id = $2`, [jurorId, nominationId]);
  if (!card) return null;
  const scores = await hotQuery<{ criterionId: number; value: number }>(m, 'laureate_own_scores', `SELECT criterion_id AS "criterionId", value FROM score WHERE scorecard_id = $1`, [card.id]);
  return {
    status: card.status as 'draft' | 'submitted',
    comment: card.comment as string,
    submittedAt: card.submittedAt as Date | null,
    values: Object.fromEntries(scores.map((s) => [String(s.criterionId), String(s.value)])),
  };
}

/** The nomination's documents without their bytes. */
export async function jurorDocuments(m: EntityManager, nominationId: number): Promise<Array<{ id: number; kind: string; fileName: string; mime: string; size: number }>> {
  return m.query(`SELECT id, kind, file_name AS "fileName", mime, size FROM attachment WHERE nomination_id = $1 ORDER BY created_at, id`, [nominationId]);
}

/** A document for its juror (its bytes are sent by document-store.ts): only through an assignment the juror confirmed, never a conflicted one. */
export async function jurorDocument(m: EntityManager, juror: JurorProfile, nominationId: number, documentId: number): Promise<{ id: number; fileName: string; mime: string; size: number } | null> {
  const nomination = await jurorNomination(m, juror, nominationId);
  if (!nomination?.confirmed) return null;
  const [doc] = await m.query(`SELECT id, file_name AS "fileName", mime, size FROM attachment WHERE id = $1 AND nomination_id = $2`, [documentId, nominationId]);
  return doc ?? null;
}
