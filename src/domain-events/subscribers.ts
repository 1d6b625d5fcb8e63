import { subscribeAfterCommit, subscribeInTransaction } from './bus';
import { forgetPublicWinners } from '../public/winners-cache';
// each mail module subscribes itself at import (src/mail/messages/)
import '../mail/messages/account';
import '../mail/messages/jury';
import '../mail/messages/nominations';
import '../mail/messages/results';
import '../mail/messages/certificates';
import '../mail/messages/events';
import '../mail/messages/programme-certificates';
// certificates of completion follow the participants' outcomes (issued, revoked) in the marking transaction
import '../certificates/completion-events';
import '../mail/messages/programmes';
import '../mail/messages/event-certificates';

/**
 * Who listens to what, in one place (loaded with the bus by ./index.ts, so every publisher has its
 * subscribers). A later module (email, say) adds its lines here.
 */

// The public winners lists are cached per process (public/winners-cache.ts). Dropped inside the
// transaction, so a read racing the publication does not store the old list, and again after the commit,
// so a page read between the two is not kept either. A consent given, changed or withdrawn changes what of
// a winner the lists may show (consent/public-view.ts), so it drops them too.
for (const name of ['results.published', 'results.unpublished', 'consent.publicationChanged', 'consent.withdrawn'] as const) {
  subscribeInTransaction(name, () => forgetPublicWinners());
  subscribeAfterCommit(name, () => forgetPublicWinners());
}
