import type { EntityManager } from 'typeorm';
import type { AssignmentMode } from './panel.entity';

export interface PanelState {
  memberIds: number[];
  chairId: number | null;
  mode: AssignmentMode;
  k: number | null;
}

/** A category's panel as its form shows it (an empty one when none is set yet). */
export async function panelState(m: EntityManager, categoryId: number): Promise<PanelState> {
  const [panel] = await m.query(`SELECT id, chair_id AS "chairId", assignment_mode AS mode, jurors_per_nomination AS k FROM panel WHERE category_id = $1`, [categoryId]);
  if (!panel) return { memberIds: [], chairId: null, mode: 'all', k: null };
  const members: Array<{ jurorId: number }> = await m.query(`SELECT juror_id AS "jurorId" FROM panel_member WHERE panel_id = $1 ORDER BY juror_id`, [panel.id]);
  return { memberIds: members.map((r) => r.jurorId), chairId: panel.chairId, mode: panel.mode, k: panel.k };
}

export interface JurorChoice {
  id: number;
  fullName: string;
  /** namesakes are told apart by it in the forms */
  email: string;
  municipalityName: string | null;
  institution: string | null;
  active: boolean;
}

/** Jurors the admin may seat: every active juror, and the members already seated even if deactivated since. */
export async function jurorChoices(m: EntityManager, memberIds: number[]): Promise<JurorChoice[]> {
  return m.query(
    `SELECT u.id, u.full_name AS "fullName", u.email, mu.name AS "municipalityName", u.institution, u.active
       FROM app_user u LEFT JOIN municipality mu ON mu.id = u.municipality_id
      WHERE u.role = 'juror' AND (u.active OR u.id = ANY($1)) ORDER BY u.full_name, u.id`,
    [memberIds],
  );
}
