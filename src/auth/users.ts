import type { EntityManager } from 'typeorm';
import { User, type Role } from './user.entity';
import { Municipality } from '../regions/municipality.entity';
import { hashPassword, normaliseEmail } from './password';
import { checkAccountPassword, type PasswordCheck } from './login';
import { issueInvitation } from './invitations';
import { endSessionsOf } from './users-query';
import { recordAudit } from '../audit/record';

export interface UserInput {
  email: string;
  fullName: string;
  role: Role;
  municipalityId?: number | null;
  institution?: string | null;
}

export type UserProblem = 'emailTaken' | 'municipalityRequired' | 'unknownMunicipality' | 'institutionRequired';

/** Roles that belong to a municipality of the region: an officer's (what they nominate), a juror's (conflicts). */
const MUNICIPALITY_ROLES: readonly Role[] = ['officer', 'juror'];
/** Roles that name an institution: a juror's (conflicts), a host coordinator's (the tracks it hosts). */
const INSTITUTION_ROLES: readonly Role[] = ['juror', 'coordinator'];

/**
 * The binding rules: an officer belongs to one municipality; a juror has a municipality and an
 * institution (both used for conflict-of-interest rules); a host coordinator names the host institution
 * (often outside the region, so no municipality); an admin and a registrar (bound to events on each
 * event's page) have neither.
 */
async function checkBinding(manager: EntityManager, input: UserInput): Promise<Partial<Record<string, UserProblem>>> {
  const problems: Partial<Record<string, UserProblem>> = {};
  if (MUNICIPALITY_ROLES.includes(input.role)) {
    if (!input.municipalityId) problems.municipalityId = 'municipalityRequired';
    else if (!(await manager.exists(Municipality, { where: { id: input.municipalityId } }))) problems.municipalityId = 'unknownMunicipality';
  }
  if (INSTITUTION_ROLES.includes(input.role) && !input.institution?.trim()) problems.institution = 'institutionRequired';
  return problems;
}

function binding(input: UserInput) {
  return {
    municipalityId: MUNICIPALITY_ROLES.includes(input.role) ? (input.municipalityId ?? null) : null,
    institution: INSTITUTION_ROLES.includes(input.role) ? (input.institution?.trim() ?? null) : null,
  };
}

export type InviteResult = { ok: true; userId: number; token: string } | { ok: false; problems: Partial<Record<string, UserProblem>> };

/** Creates an account without a password and a one-time invitation link for it. */
export async function inviteUser(manager: EntityManager, input: UserInput, actorId: number | null): Promise<InviteResult> {
  const email = normaliseEmail(input.email);
  const problems = await checkBinding(manager, input);
  if (await manager.exists(User, { where: { email } })) problems.email = 'emailTaken';
  if (Object.keys(problems).length) return { ok: false, problems };
  const inserted = await manager.insert(User, { email, fullName: input.fullName.trim(), role: input.role, ...binding(input), passwordHash: null });
  const userId = inserted.identifiers[0].id as number;
  await recordAudit(manager, { actorId, entity: 'user', entityId: userId, action: 'user.invited', to: input.role, data: { email } });
  const token = await issueInvitation(manager, userId, actorId);
  return { ok: true, userId, token };
}

export type UpdateResult = { ok: true } | { ok: false; problems: Partial<Record<string, UserProblem>> } | { ok: false; notFound: true };

/** Changes a person's name, role and bindings; a changed role ends their sessions so menus follow at once. */
export async function updateUser(manager: EntityManager, userId: number, input: Omit<UserInput, 'email'>, actorId: number): Promise<UpdateResult> {
  const user = await manager.findOne(User, { where: { id: userId } });
  if (!user) return { ok: false, notFound: true };
  const problems = await checkBinding(manager, { ...input, email: user.email });
  if (Object.keys(problems).length) return { ok: false, problems };
  const next = { fullName: input.fullName.trim(), role: input.role, ...binding({ ...input, email: user.email }) };
  await manager.update(User, { id: userId }, next);
  if (user.role !== input.role || user.municipalityId !== next.municipalityId) await endSessionsOf(manager, userId);
  await recordAudit(manager, {
    actorId, entity: 'user', entityId: userId, action: 'user.updated', from: user.role, to: input.role,
    data: { municipalityId: next.municipalityId, institution: next.institution },
  });
  return { ok: true };
}

/** Deactivating ends every login session of the person at once, in every app process. */
export async function setUserActive(manager: EntityManager, userId: number, active: boolean, actorId: number): Promise<boolean> {
  if (userId === actorId && !active) return false;
  const result = await manager.update(User, { id: userId }, { active });
  if (!result.affected) return false;
  if (!active) await endSessionsOf(manager, userId);
  await recordAudit(manager, { actorId, entity: 'user', entityId: userId, action: active ? 'user.activated' : 'user.deactivated' });
  return true;
}

export type PasswordChange = { ok: true } | Exclude<PasswordCheck, { ok: true }>;

/**
 * Changes a person's own password. The current password is checked like a sign-in (a wrong one counts
 * toward the lockout, and a locked account changes nothing); the change ends every login session of the
 * person, in every app process, so a session someone else holds dies with the old password. The caller
 * signs the person in again on a new session id.
 */
export async function changePassword(manager: EntityManager, userId: number, current: string, next: string): Promise<PasswordChange> {
  const user = await manager.findOneOrFail(User, { where: { id: userId } });
  const check = await checkAccountPassword(manager, user, current);
  if (!check.ok) return check;
  const passwordHash = await hashPassword(next);
  await manager.transaction(async (m) => {
    await m.update(User, { id: userId }, { passwordHash });
    await endSessionsOf(m, userId);
    await recordAudit(m, { actorId: userId, entity: 'user', entityId: userId, action: 'password.changed' });
  });
  return { ok: true };
}
