import type { SessionUser } from './session-user';

/**
 * The one authorization module. Every route names one of these policies (see web/routing.ts);
 * object-level rules (an officer's municipality, a juror's assignments) are the functions further down,
 * and queries use them so that a foreign object is simply not found (404).
 */
export const policies = {
  public: () => true,
  signedIn: (u?: SessionUser) => !!u,
  admin: (u?: SessionUser) => u?.role === 'admin',
  officer: (u?: SessionUser) => u?.role === 'officer' && u.municipalityId !== null,
  juror: (u?: SessionUser) => u?.role === 'juror',
} as const;

export type PolicyName = keyof typeof policies;
export const POLICY_NAMES = Object.keys(policies) as PolicyName[];

export function allows(policy: PolicyName, user: SessionUser | undefined): boolean {
  return policies[policy](user);
}

/** Booleans for templates: views never see roles, only what the person may do. */
export function navigationFor(user: SessionUser | undefined) {
  return {
    signedIn: !!user,
    canAdminister: allows('admin', user),
    canNominate: allows('officer', user),
    canJudge: allows('juror', user),
  };
}

/** The page each role lands on after signing in. */
export function startPageFor(user: SessionUser): string {
  switch (user.role) {
    case 'admin':
      return '/admin';
    case 'officer':
      return '/officer';
    case 'juror':
      return '/jury';
  }
}

/** An officer may see a municipality's objects only for their own municipality. */
export function ownsMunicipality(user: SessionUser, municipalityId: number | null): boolean {
  return user.role === 'officer' && user.municipalityId !== null && user.municipalityId === municipalityId;
}
