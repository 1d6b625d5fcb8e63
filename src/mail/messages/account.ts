import type { EntityManager } from 'typeorm';
import { subscribeInTransaction } from '../../domain-events/bus';
import { User } from '../../auth/user.entity';
import { translate, type Locale } from '../../web/i18n';
import { mailUser } from '../outbox';
import { MAIL_STATUS_LABEL_KEYS, type MailStatus } from '../statuses';

/**
 * The mail about a person's own account: the invitation (and each new link the admin issues) and the
 * password-reset link. Both are enqueued in the transaction that creates the link, so a link that was
 * rolled back is never mailed. The link's token comes with the event: the database keeps only its hash.
 * An inactive person is sent nothing (mailUser's rule).
 */

// one letter per link: a new link is a new invitation, with its own key
const INVITATION_KEY = 'invitation:';

subscribeInTransaction('user.invited', async (e, m) => {
  const invitee = await m.findOne(User, { where: { id: e.userId }, select: { id: true, fullName: true, email: true, role: true } });
  if (!invitee) return;
  // who invited, by name; the command-line tool invites with no one (the letter then says «оргкомитет»)
  const inviter = e.actorId === null ? null : await m.findOne(User, { where: { id: e.actorId }, select: { id: true, fullName: true } });
  await mailUser(m, invitee.id, {
    kind: 'invitation',
    idempotencyKey: `${INVITATION_KEY}${e.invitationId}`,
    data: {
      name: invitee.fullName,
      email: invitee.email,
      roleKey: `roles.${invitee.role}`,
      inviterName: inviter?.fullName ?? null,
      invitePath: `/invite/${e.token}`,
      expiresAt: e.expiresAt,
      reinvited: e.reinvited,
    },
  });
});

subscribeInTransaction('user.passwordResetRequested', async (e, m) => {
  const person = await m.findOne(User, { where: { id: e.userId }, select: { id: true, fullName: true, email: true } });
  if (!person) return;
  await mailUser(m, person.id, {
    kind: 'password_reset',
    idempotencyKey: `password_reset:${e.resetId}`,
    data: { name: person.fullName, email: person.email, resetPath: `/password/reset/${e.token}`, expiresAt: e.expiresAt },
  });
});

/**
 * The letter that carries a person's latest invitation link, for the admin's page that shows the link: whether
 * it went (or, with no mail server, that the link must be passed on by hand). Null when none was written
 * (a deactivated person is sent nothing).
 */
export async function latestInvitationMail(m: EntityManager, userId: number, locale: Locale): Promise<{ href: string; statusLabel: string } | null> {
  const rows: Array<{ id: number; status: MailStatus }> = await m.query(
    `SELECT id, status FROM mail_message
      WHERE idempotency_key = $2::text || (SELECT max(id) FROM invitation WHERE user_id = $1)`,
    [userId, INVITATION_KEY],
  );
  return rows[0] ? { href: `/admin/outbox/${rows[0].id}`, statusLabel: translate(locale, MAIL_STATUS_LABEL_KEYS[rows[0].status]) } : null;
}
