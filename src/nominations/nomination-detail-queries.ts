import type { NomineeFields } from './drafts';
import { trackChoicesSql } from '../programmes/track-choices-sql';
import type { EntityManager } from 'typeorm';
import type { CycleStatus } from '../cycles/cycle.entity';
import type { NominationStatus } from './nomination.entity';
import { FULL_NAME_SQL } from './screening-queries';

/** Everything the admin reads on a nomination's page (its documents are listed separately). */
export interface NominationDetail {
  id: number;
  cycleId: number;
  cycleName: string;
  cycleStatus: CycleStatus;
  categoryName: string | null;
  /** a programme's application: its ranked tracks in one line */
  trackChoices: string | null;
  municipalityName: string;
  authorName: string;
  status: NominationStatus;
  statusReason: string | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  version: number;
  achievements: string;
  motivation: string;
  fullName: string;
  nominee: NomineeFields;
}

export async function nominationDetail(m: EntityManager, id: number): Promise<NominationDetail | null> {
  const rows = await m.query(
    `SELECT n.id, n.cycle_id AS "cycleId", cy.name AS "cycleName", cy.status AS "cycleStatus", c.name AS "categoryName", ${trackChoicesSql('n')} AS "trackChoices",
            mu.name AS "municipalityName", u.full_name AS "authorName", n.status, n.status_reason AS "statusReason",
            n.submitted_at AS "submittedAt", n.decided_at AS "decidedAt", n.version, n.achievements, n.motivation,
            ${FULL_NAME_SQL} AS "fullName",
            json_build_object('lastName', ne.last_name, 'firstName', ne.first_name, 'patronymic', ne.patronymic, 'position', ne.position,
              'institution', ne.institution, 'specialty', ne.specialty, 'yearsOfPractice', ne.years_of_practice, 'phone', ne.phone, 'email', ne.email) AS nominee
       FROM nomination n
       JOIN cycle cy ON cy.id = n.cycle_id
       JOIN nominee ne ON ne.id = n.nominee_id
       JOIN municipality mu ON mu.id = n.municipality_id
       JOIN app_user u ON u.id = n.author_id
       LEFT JOIN category c ON c.id = n.category_id
      WHERE n.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export interface DocumentRow {
  id: number;
  kind: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt: Date;
}

/** The nomination's documents without their bytes. */
export async function nominationDocuments(m: EntityManager, nominationId: number): Promise<DocumentRow[]> {
  return m.query(
    `SELECT id, kind, file_name AS "fileName", mime, size, created_at AS "createdAt" FROM attachment WHERE nomination_id = $1 ORDER BY created_at, id`,
    [nominationId],
  );
}

/** One document with its bytes, only through the nomination it belongs to (another nomination's id is "not found"). */
export async function documentFile(m: EntityManager, nominationId: number, documentId: number): Promise<{ id: number; fileName: string; mime: string; size: number } | null> {
  const rows = await m.query(`SELECT id, file_name AS "fileName", mime, size FROM attachment WHERE id = $1 AND nomination_id = $2`, [documentId, nominationId]);
  return rows[0] ?? null;
}
