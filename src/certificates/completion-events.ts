import { subscribeInTransaction } from '../domain-events/bus';
import { issueCompletionCertificates, settleCompletionCertificates } from './completion';
import { issueCertificates } from './issue';

/**
 * Certificates of completion follow the participants' outcomes in the transaction that marks them, so a mark
 * and its certificate commit (or roll back) together. Marked while the programme is still in training, nothing
 * is issued yet: moving the programme on to completion issues them all (and the admin's button any left).
 */

subscribeInTransaction('participant.completed', async (e, m) => {
  await issueCompletionCertificates(m, e.cycleId, e.participantIds, e.actorId, e.at);
});

subscribeInTransaction('participant.outcomeChanged', async (e, m) => {
  await settleCompletionCertificates(m, { cycleId: e.cycleId, participantIds: e.participantIds, reason: e.reason, actorId: e.actorId, at: e.at });
});

subscribeInTransaction('cycle.phaseMoved', async (e, m) => {
  if (e.kind === 'programme' && e.to === 'completion') await issueCertificates(m, e.cycleId, 'completion', e.actorId, { now: e.at });
});
