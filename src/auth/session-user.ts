import type { Role } from './user.entity';

/** What a request knows about the person signed in; loaded from the database on every request. */
export interface SessionUser {
  id: number;
  email: string;
  fullName: string;
  role: Role;
  municipalityId: number | null;
  municipalityName: string | null;
  institution: string | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
  }
}
