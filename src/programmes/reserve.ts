import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import type { AuditData } from '../audit/audit-event.entity';
import type { CycleStatus } from '../cycles/cycle.entity';
import { DEFAULT_LOCALE, translate } from '../web/i18n';
import { release, type AllocationEvent, type AllocationState } from './engine';
import { moveParticipant } from './participant-lifecycle';
import { canMoveParticipant, participantStatusIn, type ParticipantStatus } from './participant-statuses';
import { offerPlace } from './offers';
import { applicationPeople } from './selection';
import { offersOpen, reserveDeadline } from './confirmation-rules';

/**
 * A place given back pulls the reserve up (issue 12; README «A decline pulls the reserve up»). One function for
 * the three ways a place is freed — the person declines through their link, the deadline passes, the admin
 * records a withdrawal — so the engine's state and the participants never drift apart.
 */

export type ReleaseMove = 'decline' | 'expire' | 'withdraw';

export interface ReleaseInput {
  actorId: number | null;
  /** the person's or the admin's words; the audit's reason for the move itself */
  reason?: string | null;
  now?: Date;
}

export type ReleaseResult =
  | { ok: true; cycleId: number; trackId: number; offered: number; unfilled: number }
  | { ok: false; refused: 'notFound' }
  | { ok: false; refused: 'phase'; phase: CycleStatus }
  /** someone moved the participant first (answered, expired, moved up): nothing was done */
  | { ok: false; refused: 'stale'; status: ParticipantStatus };

interface Locked {
  id: number;
  status: ParticipantStatus;
  trackId: number;
  nominationId: number | null;
  offerExpiresAt: Date | null;
}

/**
 * Moves the participant (decline, expire or withdraw) and gives their place to the track's reserve, in the
 * caller's transaction. Locks in the order every writer of an allocation takes: the cycle (shared, so the phase
 * holds), the allocation row, then the participants; so two declines on one allocation run one after the other,
 * each on the state the other left, and a track is never filled twice. For each move the engine makes, the
 * participant who leaves a lower track moves up (`moveUp`) and the new place is offered with its own link and
 * mail; every step is audited with the cause, the passed-over by count only.
 */
export async function releasePlace(m: EntityManager, participantId: number, move: ReleaseMove, input: ReleaseInput): Promise<ReleaseResult> {
  const now = input.now ?? new Date();
  const [head]: Array<{ cycleId: number; categoryId: number | null; status: CycleStatus }> = await m.query(
    `SELECT t.cycle_id AS "cycleId", t.category_id AS "categoryId", c.status
       FROM participant p JOIN track t ON t.id = p.track_id JOIN cycle c ON c.id = t.cycle_id
      WHERE p.id = $1 FOR SHARE OF c`,
    [participantId],
  );
  if (!head) return { ok: false, refused: 'notFound' };
  if (!offersOpen(head.status)) return { ok: false, refused: 'phase', phase: head.status };
  const allocation = await lockAllocation(m, head.cycleId, head.categoryId);
  const p = await lockParticipant(m, participantId);
  if (!p) return { ok: false, refused: 'notFound' };
  // the deadline decides between the person's answer and the clock's: whichever comes first under the lock wins
  const due = p.offerExpiresAt !== null && p.offerExpiresAt <= now;
  if (!canMoveParticipant(move, p.status) || (move === 'decline' && due) || (move === 'expire' && !due)) return { ok: false, refused: 'stale', status: p.status };

  const cause = translate(DEFAULT_LOCALE, `programmeConfirmation.reserve.cause.${move}`);
  await moveParticipant(m, p, move, { actorId: input.actorId, cycleId: head.cycleId, reason: input.reason ?? cause, now });
  // an answered link is spent; an expired one is kept, so that it can still say the offer expired
  if (move === 'decline') await m.query(`UPDATE participant SET offer_token_hash = NULL WHERE id = $1`, [p.id]);

  const applicant = p.nominationId === null ? undefined : allocation?.state.placements.find((x) => x.applicant === String(p.nominationId));
  // a delegation's place, or one the engine does not count as theirs, is simply free again
  if (!allocation || !applicant || applicant.out || applicant.track !== String(p.trackId)) {
    return { ok: true, cycleId: head.cycleId, trackId: p.trackId, offered: 0, unfilled: 0 };
  }
  const change = release(allocation.state, applicant.applicant);
  await m.query(`UPDATE programme_allocation SET state = $2::jsonb, version = version + 1, updated_at = now() WHERE id = $1`, [allocation.id, JSON.stringify(change.state)]);
  const done = await followEvents(m, change.events, { allocationId: allocation.id, cycleId: head.cycleId, cause, actorId: input.actorId, now, deadline: reserveDeadline(await approvalDeadline(m, change.state), now) });
  return { ok: true, cycleId: head.cycleId, trackId: p.trackId, ...done };
}

async function lockAllocation(m: EntityManager, cycleId: number, categoryId: number | null): Promise<{ id: number; state: AllocationState } | null> {
  if (categoryId === null) return null;
  const [row]: Array<{ id: number; state: AllocationState | null; approvedAt: Date | null }> = await m.query(
    `SELECT id, state, approved_at AS "approvedAt" FROM programme_allocation WHERE cycle_id = $1 AND category_id = $2 FOR UPDATE`,
    [cycleId, categoryId],
  );
  // before approval nobody holds an offer from it: the allocation page computes it again anyway
  return row && row.approvedAt && row.state ? { id: row.id, state: row.state } : null;
}

async function lockParticipant(m: EntityManager, id: number): Promise<Locked | undefined> {
  const [row]: Locked[] = await m.query(
    `SELECT id, status, track_id AS "trackId", nomination_id AS "nominationId", offer_expires_at AS "offerExpiresAt" FROM participant WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row;
}

/**
 * The deadline the approval gave: that of the first offer made on the allocation's tracks (the approval makes
 * them all at once, with one deadline, before any reserve offer exists). Null when the approval offered nothing.
 */
async function approvalDeadline(m: EntityManager, state: AllocationState): Promise<Date | null> {
  const [row]: Array<{ at: Date | null }> = await m.query(
    `SELECT offer_expires_at AS at FROM participant WHERE track_id = ANY($1::int[]) AND nomination_id IS NOT NULL ORDER BY id LIMIT 1`,
    [state.tracks.map((t) => Number(t.id))],
  );
  return row?.at ?? null;
}

interface Context {
  allocationId: number;
  cycleId: number;
  cause: string;
  actorId: number | null;
  now: Date;
  deadline: Date;
}

/** What the engine did, done to the participants: moves up, new offers, and the audit of each step. */
async function followEvents(m: EntityManager, events: AllocationEvent[], ctx: Context): Promise<{ offered: number; unfilled: number }> {
  const audit = (action: string, data: AuditData) =>
    recordAudit(m, { actorId: ctx.actorId, entity: 'programme_allocation', entityId: ctx.allocationId, cycleId: ctx.cycleId, action, reason: ctx.cause, data });
  const placed = events.filter((e) => e.type === 'placed');
  const people = await applicationPeople(m, placed.map((e) => Number(e.applicant)));
  let offered = 0;
  let unfilled = 0;
  for (const e of events) {
    if (e.type === 'released') {
      await audit('reserve.released', { trackId: e.track === null ? null : Number(e.track), nominationId: Number(e.applicant) });
    } else if (e.type === 'unfilled') {
      unfilled += e.free;
      await audit('reserve.unfilled', { trackId: Number(e.track), free: e.free });
    } else {
      const nominationId = Number(e.applicant);
      const fromTrackId = e.from === null ? null : Number(e.from);
      if (fromTrackId !== null) await moveUpFrom(m, nominationId, fromTrackId, ctx);
      const person = people.get(nominationId);
      // the application is gone (deleted with its person's data): the engine's place stays, nobody is mailed
      const offer = person ? await offerPlace(m, { cycleId: ctx.cycleId, trackId: Number(e.track), nominationId, person, expiresAt: ctx.deadline, actorId: ctx.actorId, fromTrackId, now: ctx.now }) : null;
      if (offer) offered += 1;
      await audit('reserve.placed', { trackId: Number(e.track), fromTrackId, nominationId, participantId: offer?.participantId ?? null, passedOver: e.passedOver.length });
    }
  }
  return { offered, unfilled };
}

/** The one moving up leaves the lower track they held (offered or confirmed): that row is closed as moved. */
async function moveUpFrom(m: EntityManager, nominationId: number, trackId: number, ctx: Context): Promise<void> {
  const [row]: Locked[] = await m.query(
    `SELECT id, status, track_id AS "trackId", nomination_id AS "nominationId", offer_expires_at AS "offerExpiresAt"
       FROM participant p WHERE p.nomination_id = $1 AND p.track_id = $2 AND ${participantStatusIn('occupying', 'p')} FOR UPDATE`,
    [nominationId, trackId],
  );
  if (!row || !canMoveParticipant('moveUp', row.status)) return;
  await moveParticipant(m, row, 'moveUp', { actorId: ctx.actorId, cycleId: ctx.cycleId, reason: translate(DEFAULT_LOCALE, 'programmeConfirmation.reserve.movedUp'), now: ctx.now });
}
