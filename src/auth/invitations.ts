import crypto from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { Invitation } from './invitation.entity';
import { User } from './user.entity';
import { hashPassword } from './password';
import { recordAudit } from '../audit/record';
import { endSessionsOf } from './users-query';
import { publish } from '../domain-events';

export const INVITATION_HOURS = 72;

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * Issues a one-time link for a person (earlier unused links stop working); returns the token to put in the URL.
 * Announces `user.invited` in the caller's transaction, so the invitation mail goes with it or not at all.
 */
export async function issueInvitation(manager: EntityManager, userId: number, actorId: number | null, now = new Date()): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  const reinvited = await manager.exists(Invitation, { where: { userId } });
  await manager.update(Invitation, { userId, usedAt: IsNull() }, { usedAt: now });
  const expiresAt = new Date(now.getTime() + INVITATION_HOURS * 3600_000);
  const inserted = await manager.insert(Invitation, { userId, tokenHash: sha256(token), expiresAt, createdById: actorId });
  await recordAudit(manager, { actorId, entity: 'user', entityId: userId, action: 'invitation.issued' });
  await publish(manager, 'user.invited', { userId, invitationId: inserted.identifiers[0].id as number, token, expiresAt, actorId, reinvited, at: now });
  return token;
}

export type InvitationState =
  | { state: 'valid'; invitation: Invitation; user: User }
  | { state: 'expired' | 'used' | 'unknown' };

export async function findInvitation(manager: EntityManager, token: string, now = new Date()): Promise<InvitationState> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: 'unknown' };
  const invitation = await manager.findOne(Invitation, { where: { tokenHash: sha256(token) } });
  if (!invitation) return { state: 'unknown' };
  if (invitation.usedAt) return { state: 'used' };
  if (invitation.expiresAt <= now) return { state: 'expired' };
  const user = await manager.findOne(User, { where: { id: invitation.userId } });
  if (!user || !user.active) return { state: 'unknown' };
  return { state: 'valid', invitation, user };
}

/**
 * Sets the person's password from a valid invitation and spends it. The UPDATE ... WHERE used_at IS NULL
 * makes a link usable once even when two requests race.
 */
export async function acceptInvitation(manager: EntityManager, token: string, password: string, now = new Date()): Promise<InvitationState> {
  const found = await findInvitation(manager, token, now);
  if (found.state !== 'valid') return found;
  const spent = await manager.update(Invitation, { id: found.invitation.id, usedAt: IsNull() }, { usedAt: now });
  if (!spent.affected) return { state: 'used' };
  await manager.update(User, { id: found.user.id }, { passwordHash: await hashPassword(password), failedLogins: 0, lockedUntil: null });
  await endSessionsOf(manager, found.user.id);
  await recordAudit(manager, { actorId: found.user.id, entity: 'user', entityId: found.user.id, action: 'invitation.accepted' });
  return found;
}
