import type { EntityManager } from 'typeorm';
import { PARTICIPANT_TYPES, type Event, type ParticipantType } from './event.entity';
import { registrationStatusIn } from './registration-statuses';

/**
 * The live counters of an event's door (issue 13): registered (places taken), checked in, waiting, in all and
 * by participant type. One grouped count on the (event_id, status) index; the door and the admin's event page
 * poll it every few seconds.
 */
export interface DoorCounts {
  registered: number;
  checkedIn: number;
  waiting: number;
}

export interface DoorCounters extends DoorCounts {
  byType: Array<DoorCounts & { type: ParticipantType }>;
}

export async function doorCounters(m: EntityManager, event: Pick<Event, 'id' | 'participantTypes'>): Promise<DoorCounters> {
  const rows: Array<DoorCounts & { type: ParticipantType }> = await m.query(
    `SELECT r.participant_type AS type,
            count(*) FILTER (WHERE ${registrationStatusIn('seated')})::int AS registered,
            count(*) FILTER (WHERE r.checked_in_at IS NOT NULL)::int AS "checkedIn",
            count(*) FILTER (WHERE ${registrationStatusIn('waitingList')})::int AS waiting
       FROM registration r WHERE r.event_id = $1 GROUP BY r.participant_type`,
    [event.id],
  );
  // every type the event admits, in the fixed order, with zeros where nobody is yet
  const admitted = new Set<ParticipantType>([...event.participantTypes.map((t) => t.type), ...rows.map((r) => r.type)]);
  const byType = PARTICIPANT_TYPES.filter((t) => admitted.has(t)).map((type) => rows.find((r) => r.type === type) ?? { type, registered: 0, checkedIn: 0, waiting: 0 });
  const sum = (k: keyof DoorCounts) => byType.reduce((s, r) => s + r[k], 0);
  return { registered: sum('registered'), checkedIn: sum('checkedIn'), waiting: sum('waiting'), byType };
}
