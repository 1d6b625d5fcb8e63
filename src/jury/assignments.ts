import type { EntityManager } from 'typeorm';
import { Panel } from './panel.entity';
import { Assignment } from './assignment.entity';
import { planAssignments, type Plan } from './assignment-plan';
import type { JurorProfile, NominationProfile } from './conflict-rules';
import { recordAudit } from '../audit/record';
import { publish } from '../domain-events';
import { statusIn } from '../nominations/statuses';

/** The facts the planner needs for one category: panel jurors, accepted nominations, what exists already. */
export async function assignmentFacts(m: EntityManager, categoryId: number) {
  const panel = await m.findOne(Panel, { where: { categoryId } });
  const jurors: JurorProfile[] = panel
    ? await m.query(
        `SELECT u.id, u.municipality_id AS "municipalityId", u.institution FROM panel_member pm JOIN app_user u ON u.id = pm.juror_id
          WHERE pm.panel_id = $1 AND u.active ORDER BY u.id`,
        [panel.id],
      )
    : [];
  const nominations: NominationProfile[] = await m.query(
    `SELECT n.id, n.municipality_id AS "municipalityId", p.institution FROM nomination n JOIN nominee p ON p.id = n.nominee_id
      WHERE n.category_id = $1 AND ${statusIn('underJudging')} ORDER BY n.id`,
    [categoryId],
  );
  const ids = nominations.map((n) => n.id);
  const existing: Array<{ jurorId: number; nominationId: number }> = ids.length
    ? await m.query(`SELECT juror_id AS "jurorId", nomination_id AS "nominationId" FROM assignment WHERE nomination_id = ANY($1)`, [ids])
    : [];
  const declared: Array<{ jurorId: number; nominationId: number }> = ids.length
    ? await m.query(`SELECT juror_id AS "jurorId", nomination_id AS "nominationId" FROM conflict WHERE kind = 'declared' AND nomination_id = ANY($1)`, [ids])
    : [];
  return { panel, jurors, nominations, existing, declared };
}

export type RunResult = { ok: true; plan: Plan } | { ok: false; problem: 'noPanel' | 'noJurors' };

/** Assigns the category's accepted nominations to its panel by the panel's mode, recording the conflicts met. */
export async function runAssignment(m: EntityManager, adminId: number, categoryId: number): Promise<RunResult> {
  const facts = await assignmentFacts(m, categoryId);
  if (!facts.panel) return { ok: false, problem: 'noPanel' };
  if (!facts.jurors.length) return { ok: false, problem: 'noJurors' };
  const plan = planAssignments({ ...facts, mode: facts.panel.assignmentMode, k: facts.panel.jurorsPerNomination });
  if (plan.add.length) await m.insert(Assignment, plan.add.map((p) => ({ ...p, assignedById: adminId })));
  for (const c of plan.conflicts) {
    await m.query(
      `INSERT INTO conflict (juror_id, nomination_id, kind, reason) VALUES ($1, $2, $3, '') ON CONFLICT (juror_id, nomination_id, kind) DO NOTHING`,
      [c.jurorId, c.nominationId, c.kind],
    );
  }
  await recordAudit(m, { actorId: adminId, entity: 'category', entityId: categoryId, action: 'assignments.run', data: { added: plan.add.length, lacking: plan.lacking.length } });
  if (plan.add.length) await announceAssigned(m, categoryId, adminId, plan.add);
  return { ok: true, plan };
}

/** Announces new assignments (jury.assigned): a later module tells the jurors. */
export async function announceAssigned(m: EntityManager, categoryId: number, adminId: number, added: ReadonlyArray<{ jurorId: number; nominationId: number }>): Promise<void> {
  const [{ cycle_id: cycleId }]: Array<{ cycle_id: number }> = await m.query(`SELECT cycle_id FROM category WHERE id = $1`, [categoryId]);
  await publish(m, 'jury.assigned', { cycleId, categoryId, actorId: adminId, assignments: added.map((a) => ({ jurorId: a.jurorId, nominationId: a.nominationId })), at: new Date() });
}
