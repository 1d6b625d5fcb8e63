import type { EntityManager } from 'typeorm';
import { subscribeInTransaction } from '../../domain-events/bus';
import { DEFAULT_LOCALE } from '../../web/i18n';
import { composeMail } from '../compose';
import { enqueueMail, mailUser } from '../outbox';
import { activeOfficers } from './audience';

/**
 * The offer of a place on a programme's track (issue 12): to the applicant, at the address of their application,
 * with the one-time link to confirm or decline; and a copy without the link to their officers (the one who
 * applied, and every active officer of the municipality), so someone who knows the doctor can remind them.
 * The applicant has no account and so no language of their own: the letter is in Russian (DEFAULT_LOCALE).
 */

interface Offered {
  fullName: string;
  email: string;
  municipalityId: number | null;
  authorId: number | null;
  cycleName: string;
  trackName: string;
  hostInstitution: string;
  city: string;
  country: string;
  startDate: string;
  endDate: string;
  academicHours: number;
  format: string;
  fromTrackName: string | null;
}

async function offered(m: EntityManager, participantId: number, fromTrackId: number | null): Promise<Offered | undefined> {
  const [row]: Offered[] = await m.query(
    `SELECT concat_ws(' ', nullif(p.last_name, ''), nullif(p.first_name, ''), nullif(p.patronymic, '')) AS "fullName", p.email,
            p.municipality_id AS "municipalityId", n.author_id AS "authorId", c.name AS "cycleName", t.name AS "trackName",
            t.host_institution AS "hostInstitution", t.city, t.country, t.start_date::text AS "startDate", t.end_date::text AS "endDate",
            t.academic_hours AS "academicHours", t.format, (SELECT f.name FROM track f WHERE f.id = $2) AS "fromTrackName"
       FROM participant p JOIN track t ON t.id = p.track_id JOIN cycle c ON c.id = t.cycle_id LEFT JOIN nomination n ON n.id = p.nomination_id
      WHERE p.id = $1`,
    [participantId, fromTrackId],
  );
  return row;
}

subscribeInTransaction('programme.placeOffered', async (e, m) => {
  const o = await offered(m, e.participantId, e.fromTrackId);
  if (!o) return;
  const data = {
    cycleName: o.cycleName,
    trackName: o.trackName,
    hostInstitution: o.hostInstitution,
    city: o.city,
    country: o.country,
    startDate: o.startDate,
    endDate: o.endDate,
    academicHours: o.academicHours,
    formatKey: `programmes.formats.${o.format}`,
    expiresAt: e.expiresAt,
    fromTrackName: o.fromTrackName,
  };
  // one letter per offer: a participant row is one offer, and its link is made once
  if (o.email) {
    const content = composeMail('programme_offer', DEFAULT_LOCALE, { ...data, name: o.fullName, offerPath: `/participation/${e.token}` });
    await enqueueMail(m, {
      kind: 'programme_offer',
      to: { userId: null, email: o.email, name: o.fullName },
      language: DEFAULT_LOCALE,
      idempotencyKey: `programme_offer:participant:${e.participantId}`,
      content,
      cycleId: e.cycleId,
    });
  }
  const officers = new Set<number>(o.authorId === null ? [] : [o.authorId]);
  if (o.municipalityId !== null) for (const id of (await activeOfficers(m, [o.municipalityId])).get(o.municipalityId) ?? []) officers.add(id);
  for (const officerId of officers) {
    await mailUser(m, officerId, {
      kind: 'programme_offer_copy',
      idempotencyKey: `programme_offer_copy:participant:${e.participantId}:officer:${officerId}`,
      cycleId: e.cycleId,
      data: { ...data, nominee: o.fullName },
    });
  }
});
