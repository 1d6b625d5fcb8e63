import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { Participant } from './participant.entity';
import { canMoveParticipant, PARTICIPANT_MOVES, type ParticipantMove, type ParticipantStatus } from './participant-statuses';

export class IllegalParticipantMove extends Error {
  constructor(readonly move: ParticipantMove, readonly from: ParticipantStatus, readonly participantId: number) {
    super(`participant ${participantId}: cannot ${move} from ${from}`);
  }
}

/**
 * The one place that changes a participant's status (the moves are in participant-statuses.ts): checks the
 * move is allowed from the status the caller locked, sets it, and audits it in the caller's transaction.
 * The audit entry carries the states and the reason, never the person's name or address.
 */
export async function moveParticipant(
  m: EntityManager,
  participant: Pick<Participant, 'id' | 'status' | 'trackId'>,
  move: ParticipantMove,
  input: { actorId: number | null; cycleId: number; reason?: string | null; now?: Date },
): Promise<ParticipantStatus> {
  if (!canMoveParticipant(move, participant.status)) throw new IllegalParticipantMove(move, participant.status, participant.id);
  const to = PARTICIPANT_MOVES[move].to;
  const now = input.now ?? new Date();
  const done = await m.update(Participant, { id: participant.id, status: participant.status }, { status: to, statusChangedAt: now });
  if (done.affected !== 1) throw new Error(`participant ${participant.id} changed under a move: lock it first`);
  await recordAudit(m, {
    actorId: input.actorId,
    entity: 'participant',
    entityId: participant.id,
    cycleId: input.cycleId,
    action: PARTICIPANT_MOVES[move].audit,
    reason: input.reason ?? null,
    data: { trackId: participant.trackId, from: participant.status, to },
  });
  return to;
}
