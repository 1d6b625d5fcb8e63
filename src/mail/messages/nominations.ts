import type { EntityManager } from 'typeorm';
import { subscribeInTransaction } from '../../domain-events/bus';
import type { NominationEvent } from '../../domain-events/domain-events';
import type { MailKind } from '../kinds';
import { mailUser } from '../outbox';
import { activeOfficers } from './audience';
import { FULL_NAME_SQL } from '../../nominations/screening-queries';
import { targetOf } from '../../nominations/statuses';

/**
 * The officers' messages on the screening of a nomination: returned for correction (with the reason and
 * until when it may be resubmitted), accepted, rejected (with the reason). They go to every active officer
 * of the nomination's municipality, who all see and may correct its nominations (nominations/scope.ts).
 */

interface Screened {
  id: number;
  version: number;
  fullName: string;
  categoryName: string | null;
  cycleName: string;
  screeningEnd: Date | null;
}

async function screened(m: EntityManager, nominationId: number): Promise<Screened | undefined> {
  const [row]: Screened[] = await m.query(
    `SELECT n.id, n.version, ${FULL_NAME_SQL} AS "fullName", k.name AS "categoryName", c.name AS "cycleName", c.screening_end AS "screeningEnd"
       FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id JOIN cycle c ON c.id = n.cycle_id LEFT JOIN category k ON k.id = n.category_id
      WHERE n.id = $1`,
    [nominationId],
  );
  return row;
}

async function tellOfficers(m: EntityManager, e: NominationEvent, kind: MailKind, extra: (n: Screened) => Record<string, unknown> = () => ({})): Promise<void> {
  const n = await screened(m, e.nominationId);
  if (!n) return;
  const data = { nominee: n.fullName, categoryName: n.categoryName, cycleName: n.cycleName, nominationPath: `/officer/nominations/${n.id}`, ...extra(n) };
  for (const officerId of (await activeOfficers(m, [e.municipalityId])).get(e.municipalityId) ?? []) {
    // keyed by the version the move gave the nomination: the same decision heard twice is one letter,
    // a second return after a resubmission is a new one
    await mailUser(m, officerId, { kind, idempotencyKey: `${kind}:nomination:${n.id}:v${n.version}:officer:${officerId}`, cycleId: e.cycleId, data });
  }
}

// a returned nomination may be corrected and resubmitted until screening ends (nominations/rules.ts)
subscribeInTransaction('nomination.returned', (e, m) => tellOfficers(m, e, 'nomination_returned', (n) => ({ reason: e.reason, resubmitBy: n.screeningEnd })));

subscribeInTransaction('nomination.decided', async (e, m) => {
  if (e.status === targetOf('accept')) await tellOfficers(m, e, 'nomination_accepted');
  else if (e.status === targetOf('reject')) await tellOfficers(m, e, 'nomination_rejected', () => ({ reason: e.reason }));
});
