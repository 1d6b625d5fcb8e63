import type { SessionUser } from './session-user';

/**
 * The one authorization module. Every route names one of these policies (see web/routing.ts). A route
 * then hands the domain a typed actor (officerOf, jurorOf below), and object-level access — which
 * nominations, documents and nominees an officer or a juror may see and change — is decided by one
 * scoped query per actor in src/nominations/scope.ts, used by reads and writes alike, so a foreign
 * object is simply not found (404).
 */
export const policies = {
  public: () => true,
  signedIn: (u?: SessionUser) => !!u,
  admin: (u?: SessionUser) => u?.role === 'admin',
  officer: (u?: SessionUser) => u?.role === 'officer' && u.municipalityId !== null,
  juror: (u?: SessionUser) => u?.role === 'juror',
  /** a host institution's coordinator of programme tracks (issue 12): always with the institution */
  coordinator: (u?: SessionUser) => u?.role === 'coordinator' && !!u.institution,
  /** checks people in at the door of the events they are bound to (issue 13; which events: src/events) */
  registrar: (u?: SessionUser) => u?.role === 'registrar',
  /** the door of an event (/checkin): its registrars, and the admin, who may stand in for them */
  door: (u?: SessionUser) => u?.role === 'registrar' || u?.role === 'admin',
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
    canCoordinate: allows('coordinator', user),
    canCheckIn: allows('registrar', user),
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
    case 'coordinator':
      return '/coordinator';
    case 'registrar':
      return '/checkin';
  }
}

/** A municipal officer as the domain sees them: always with a municipality (the officer policy requires one). */
export interface Officer {
  readonly kind: 'officer';
  readonly id: number;
  readonly municipalityId: number;
}

/** A jury member as the domain sees them: their municipality and institution decide automatic conflicts. */
export interface Juror {
  readonly kind: 'juror';
  readonly id: number;
  readonly municipalityId: number | null;
  readonly institution: string | null;
}

/** The officer acting in a request that passed the `officer` policy. */
export function officerOf(user: SessionUser | undefined): Officer {
  if (!user || !allows('officer', user)) throw new Error('officerOf: the route does not declare the officer policy');
  return { kind: 'officer', id: user.id, municipalityId: user.municipalityId! };
}

/** The juror acting in a request that passed the `juror` policy. */
export function jurorOf(user: SessionUser | undefined): Juror {
  if (!user || !allows('juror', user)) throw new Error('jurorOf: the route does not declare the juror policy');
  return { kind: 'juror', id: user.id, municipalityId: user.municipalityId, institution: user.institution };
}

/** A host institution's coordinator as the domain sees them: the tracks they may mark are those their institution hosts. */
export interface Coordinator {
  readonly kind: 'coordinator';
  readonly id: number;
  readonly institution: string;
}

/** The coordinator acting in a request that passed the `coordinator` policy. */
export function coordinatorOf(user: SessionUser | undefined): Coordinator {
  if (!user || !allows('coordinator', user)) throw new Error('coordinatorOf: the route does not declare the coordinator policy');
  return { kind: 'coordinator', id: user.id, institution: user.institution! };
}

/** A registrar as the domain sees them: which events they may check people in at is src/events' scoped query. */
export interface Registrar {
  readonly kind: 'registrar';
  readonly id: number;
}

/** The registrar acting in a request that passed the `registrar` policy. */
export function registrarOf(user: SessionUser | undefined): Registrar {
  if (!user || !allows('registrar', user)) throw new Error('registrarOf: the route does not declare the registrar policy');
  return { kind: 'registrar', id: user.id };
}
