import type { EntityManager } from 'typeorm';
import type { CycleStatus } from '../cycles/cycle.entity';
import { canMoveParticipant, type ParticipantStatus } from './participant-statuses';
import { offersOpen } from './confirmation-rules';

/** What the admin's page «Отказ от участия» shows of a participant, and whether the withdrawal can be recorded now. */
export async function withdrawalView(m: EntityManager, participantId: number) {
  const [row]: Array<{ id: number; fullName: string; status: ParticipantStatus; trackId: number; trackName: string; cycleId: number; cycleName: string; phase: CycleStatus }> = await m.query(
    `SELECT p.id, concat_ws(' ', nullif(p.last_name, ''), nullif(p.first_name, ''), nullif(p.patronymic, '')) AS "fullName", p.status,
            t.id AS "trackId", t.name AS "trackName", c.id AS "cycleId", c.name AS "cycleName", c.status AS phase
       FROM participant p JOIN track t ON t.id = p.track_id JOIN cycle c ON c.id = t.cycle_id WHERE p.id = $1`,
    [participantId],
  );
  if (!row) return null;
  return {
    ...row,
    statusKey: `programmeParticipants.status.${row.status}`,
    confirmed: canMoveParticipant('withdraw', row.status),
    phaseOpen: offersOpen(row.phase),
  };
}
