import type { EntityManager } from 'typeorm';
import { Nomination } from './nomination.entity';
import { canMove, NOMINATION_MOVES, type NominationMove, type NominationStatus } from './statuses';
import { recordAudit } from '../audit/record';
import type { AuditData } from '../audit/audit-event.entity';
import { publish } from '../domain-events';

/**
 * The one place that changes a nomination's status (the table of moves is in statuses.ts). A move
 * checks that it is allowed from the current status, sets the status and what goes with it (dates,
 * reason, place), bumps the version (optimistic locking), writes the audit entry and announces the
 * domain event, all in the caller's transaction. The caller has locked the row and checked its own
 * rules (window, version the person loaded, quota …) before.
 */

export class IllegalMove extends Error {
  constructor(readonly move: NominationMove, readonly from: NominationStatus, readonly nominationId: number) {
    super(`nomination ${nominationId}: cannot ${move} from ${from}`);
  }
}

/** What a move needs to know of the nomination: its row as locked by the caller. */
export type MovingNomination = Pick<Nomination, 'id' | 'status' | 'version' | 'cycleId' | 'municipalityId'>;

export interface MoveInput {
  actorId: number | null;
  now?: Date;
  /** the admin's reason (return, reject): shown to the officer and kept in the audit log */
  reason?: string | null;
  /** the place of a winner */
  place?: number | null;
  /** more to keep in the audit entry */
  data?: AuditData | null;
}

type Columns = Partial<Pick<Nomination, 'statusReason' | 'decidedAt' | 'submittedAt' | 'place'>>;

/** The columns a move sets besides status and version. */
function columnsOf(move: NominationMove, input: MoveInput, now: Date): Columns {
  switch (move) {
    case 'submit':
      // A resubmitted nomination awaits a new decision: the earlier return's reason and date no longer apply.
      return { submittedAt: now, statusReason: null, decidedAt: null };
    case 'accept':
    case 'reject':
    case 'return':
      return { statusReason: input.reason || null, decidedAt: now };
    case 'award':
      return { place: input.place ?? null };
    case 'passOver':
    case 'reopen':
      return { place: null };
    case 'withdraw':
      return {};
  }
}

/** Moves one nomination; returns its new version. Throws IllegalMove (a bug of the caller) when the move is not allowed. */
export async function moveNomination(m: EntityManager, nomination: MovingNomination, move: NominationMove, input: MoveInput): Promise<{ status: NominationStatus; version: number }> {
  if (!canMove(move, nomination.status)) throw new IllegalMove(move, nomination.status, nomination.id);
  const now = input.now ?? new Date();
  const to: NominationStatus = NOMINATION_MOVES[move].to;
  const version = nomination.version + 1;
  const done = await m.update(Nomination, { id: nomination.id, version: nomination.version, status: nomination.status }, { ...columnsOf(move, input, now), status: to, version });
  if (done.affected !== 1) throw new Error(`nomination ${nomination.id} changed under a move: lock it first`);
  await announce(m, nomination, move, input, now);
  return { status: to, version };
}

/**
 * Moves many nominations by one move (the results' approval and reopening): locks them in id order,
 * refuses the whole batch if any may not make the move, then one UPDATE, an audit entry and an event
 * for each. `places` gives the winners' places by id.
 */
export async function moveNominations(m: EntityManager, ids: readonly number[], move: NominationMove, input: Omit<MoveInput, 'place'> & { places?: ReadonlyMap<number, number> }): Promise<number[]> {
  if (!ids.length) return [];
  const now = input.now ?? new Date();
  const rows: Array<{ id: number; status: NominationStatus; version: number; cycleId: number; municipalityId: number }> = await m.query(
    `SELECT id, status, version, cycle_id AS "cycleId", municipality_id AS "municipalityId" FROM nomination WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`,
    [[...ids]],
  );
  if (rows.length !== new Set(ids).size) throw new Error(`moveNominations(${move}): some nominations do not exist`);
  for (const r of rows) if (!canMove(move, r.status)) throw new IllegalMove(move, r.status, r.id);
  const places = rows.map((r) => input.places?.get(r.id) ?? null);
  const columns = columnsOf(move, input, now);
  const setPlace = 'place' in columns;
  await m.query(
    `UPDATE nomination SET status = $3, version = nomination.version + 1, updated_at = now()${setPlace ? ', place = u.place' : ''}
       FROM unnest($1::int[], $2::int[]) AS u(id, place) WHERE nomination.id = u.id`,
    [rows.map((r) => r.id), places, NOMINATION_MOVES[move].to],
  );
  for (const [i, r] of rows.entries()) {
    const place = places[i];
    await announce(m, r, move, { ...input, place, data: place !== null ? { ...input.data, place } : input.data }, now);
  }
  return rows.map((r) => r.id);
}

/** The audit entry and the domain event of a move. */
async function announce(m: EntityManager, n: MovingNomination, move: NominationMove, input: MoveInput, at: Date): Promise<void> {
  const spec = NOMINATION_MOVES[move];
  await recordAudit(m, {
    actorId: input.actorId, entity: 'nomination', entityId: n.id, cycleId: n.cycleId, action: spec.audit,
    from: n.status, to: spec.to, reason: input.reason || null, data: input.data ?? null,
  });
  const base = { nominationId: n.id, cycleId: n.cycleId, municipalityId: n.municipalityId, actorId: input.actorId, at };
  switch (spec.event) {
    case 'nomination.submitted':
      return publish(m, spec.event, { ...base, from: n.status });
    case 'nomination.returned':
      return publish(m, spec.event, { ...base, reason: input.reason ?? '' });
    case 'nomination.decided':
      return publish(m, spec.event, { ...base, status: spec.to, reason: input.reason || null });
  }
}
