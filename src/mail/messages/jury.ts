import type { EntityManager } from 'typeorm';
import { subscribeInTransaction } from '../../domain-events/bus';
import { mailUser } from '../outbox';
import { groupBy, idsKey } from './audience';
import { FULL_NAME_SQL } from '../../nominations/screening-queries';
import { jurorMaySee, jurorScopeSql } from '../../nominations/scope';
import type { JurorProfile } from '../../jury/conflict-rules';

/**
 * The jurors' messages: nominations assigned to them (one letter per juror per assignment action, however
 * many nominations it gave), an assignment taken away by hand (removed, or moved to another juror), and a
 * recusal the organising committee cancelled. A juror's letter says about a nomination what the juror's own
 * pages say (jury/juror-queries.ts): the nominee's name only where the juror may see the nomination, and
 * never the municipality when judging is blind.
 */

interface CategoryHead {
  cycleId: number;
  cycleName: string;
  categoryName: string;
  judgingStart: Date | null;
  judgingEnd: Date | null;
  blind: boolean;
}

async function categoryHead(m: EntityManager, categoryId: number): Promise<CategoryHead | undefined> {
  const [row]: CategoryHead[] = await m.query(
    `SELECT c.id AS "cycleId", c.name AS "cycleName", k.name AS "categoryName", c.judging_start AS "judgingStart", c.judging_end AS "judgingEnd",
            c.blind_judging AS blind
       FROM category k JOIN cycle c ON c.id = k.cycle_id WHERE k.id = $1`,
    [categoryId],
  );
  return row;
}

/** The judging window as one sentence's key: its dates are filled in the recipient's language and the region's time zone. */
function judgingWindow(head: CategoryHead) {
  const { judgingStart: start, judgingEnd: end } = head;
  const which = start && end ? 'between' : end ? 'until' : start ? 'from' : 'unset';
  return { windowKey: `mail.notices.window.${which}`, judgingStart: start, judgingEnd: end };
}

async function jurorProfile(m: EntityManager, jurorId: number): Promise<JurorProfile | undefined> {
  const [row]: JurorProfile[] = await m.query(`SELECT id, municipality_id AS "municipalityId", institution FROM app_user WHERE id = $1`, [jurorId]);
  return row;
}

/** How many nominations of the category the juror now has to score, counted as their start page counts them. */
async function assignedInCategory(m: EntityManager, juror: JurorProfile, categoryId: number): Promise<number> {
  const rows: Array<{ id: number; municipalityId: number; institution: string }> = await m.query(
    `SELECT n.id, n.municipality_id AS "municipalityId", ne.institution
       FROM assignment a JOIN nomination n ON n.id = a.nomination_id JOIN nominee ne ON ne.id = n.nominee_id
      WHERE ${jurorScopeSql('$1')} AND n.category_id = $2`,
    [juror.id, categoryId],
  );
  return rows.filter((r) => jurorMaySee(juror, r)).length;
}

/** A nomination named for a juror: by the nominee's name if the juror may see it, the municipality only when judging is not blind. */
async function nominationFor(m: EntityManager, juror: JurorProfile, nominationId: number, blind: boolean): Promise<{ nominee: string | null; municipalityName: string | null }> {
  const [n]: Array<{ id: number; fullName: string; municipalityId: number; municipalityName: string; institution: string }> = await m.query(
    `SELECT n.id, ${FULL_NAME_SQL} AS "fullName", n.municipality_id AS "municipalityId", mu.name AS "municipalityName", ne.institution
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN municipality mu ON mu.id = n.municipality_id WHERE n.id = $1`,
    [nominationId],
  );
  if (!n || !jurorMaySee(juror, n)) return { nominee: null, municipalityName: null };
  return { nominee: n.fullName, municipalityName: blind ? null : n.municipalityName };
}

subscribeInTransaction('jury.assigned', async (e, m) => {
  const head = await categoryHead(m, e.categoryId);
  if (!head) return;
  for (const [jurorId, given] of groupBy(e.assignments, (a) => a.jurorId)) {
    const juror = await jurorProfile(m, jurorId);
    if (!juror) continue;
    // keyed by the assignment rows: the same action heard twice is one letter, a later assignment (new rows) another
    const rows: Array<{ id: number }> = await m.query(`SELECT id FROM assignment WHERE juror_id = $1 AND nomination_id = ANY($2::int[])`, [jurorId, given.map((a) => a.nominationId)]);
    if (!rows.length) continue;
    await mailUser(m, jurorId, {
      kind: 'juror_assigned',
      idempotencyKey: `juror_assigned:juror:${jurorId}:assignments:${idsKey(rows.map((r) => r.id))}`,
      cycleId: head.cycleId,
      data: { cycleName: head.cycleName, categoryName: head.categoryName, count: rows.length, total: await assignedInCategory(m, juror, e.categoryId), ...judgingWindow(head) },
    });
  }
});

subscribeInTransaction('jury.unassigned', async (e, m) => {
  const head = await categoryHead(m, e.categoryId);
  const juror = await jurorProfile(m, e.jurorId);
  if (!head || !juror) return;
  await mailUser(m, e.jurorId, {
    kind: 'juror_assignment_changed',
    idempotencyKey: `juror_assignment_changed:assignment:${e.assignmentId}`,
    cycleId: head.cycleId,
    data: {
      cycleName: head.cycleName,
      categoryName: head.categoryName,
      moved: e.moved,
      ...(await nominationFor(m, juror, e.nominationId, head.blind)),
      remaining: await assignedInCategory(m, juror, e.categoryId),
    },
  });
});

subscribeInTransaction('jury.recusalCancelled', async (e, m) => {
  const head = await categoryHead(m, e.categoryId);
  const juror = await jurorProfile(m, e.jurorId);
  if (!head || !juror) return;
  await mailUser(m, e.jurorId, {
    kind: 'recusal_cancelled',
    // one letter per recusal: recusing again and being overruled again is a new recusal row, and a new letter
    idempotencyKey: `recusal_cancelled:recusal:${e.recusalId}`,
    cycleId: head.cycleId,
    data: {
      cycleName: head.cycleName,
      categoryName: head.categoryName,
      ...(await nominationFor(m, juror, e.nominationId, head.blind)),
      reason: e.reason,
      scorecardReopened: e.scorecardReopened,
      nominationPath: `/jury/nominations/${e.nominationId}`,
      ...judgingWindow(head),
    },
  });
});
