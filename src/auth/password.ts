import { hash, verify, type Options } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes): about 30 ms here, slow enough for guessing, fast for people.
// `algorithm: 2` is Argon2id; the package's enum is a const enum, which transpile-only builds cannot inline.
const options: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/**
 * argon2 verifications run so far, against a real hash and against the stand-in. Every refusal must cost
 * one verification, or its timing tells what was refused (no account, a lock); tests read this to prove it.
 */
export const passwordVerifications = { real: 0, dummy: 0 };

/**
 * Checks a password against a hash. `null` (no account, no password set yet, or a locked account) verifies
 * against a stand-in hash with the same parameters instead, so every answer costs the same, and is false.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  passwordVerifications[passwordHash === null ? 'dummy' : 'real'] += 1;
  const ok = await verify(passwordHash ?? DUMMY_HASH, password).catch(() => false);
  return ok && passwordHash !== null;
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$Mjkml8mjDDVJHyoXLfEvig$mqPMSrXrlaj65g5ewSBb/0TOvZSnhBQ3wxJXPDkfdn4';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
