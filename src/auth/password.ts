import { hash, verify, type Options } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes): about 30 ms here, slow enough for guessing, fast for people.
// `algorithm: 2` is Argon2id; the package's enum is a const enum, which transpile-only builds cannot inline.
const options: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // An account without a password (invited, not yet set) still costs one verification, so timing tells nothing.
  const target = passwordHash ?? DUMMY_HASH;
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$Mjkml8mjDDVJHyoXLfEvig$mqPMSrXrlaj65g5ewSBb/0TOvZSnhBQ3wxJXPDkfdn4';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
