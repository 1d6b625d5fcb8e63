import type { EntityManager } from 'typeorm';
import type { ParticipantType } from './event.entity';
import { Registration } from './registration.entity';
import { registrationStatusIn } from './registration-statuses';

/** Everyone with a place at the event (of one type, if given), in number order: the badge sheets' people. */
export function badgePeople(m: EntityManager, eventId: number, type: ParticipantType | null): Promise<Registration[]> {
  const q = m.createQueryBuilder(Registration, 'r').where('r.event_id = :eventId', { eventId }).andWhere(registrationStatusIn('seated', 'r'));
  if (type) q.andWhere('r.participant_type = :type', { type });
  return q.orderBy('r.number', 'ASC').getMany();
}
