import crypto from 'node:crypto';

/**
 * The registrant's personal link. The token is only ever mailed; the database keeps its sha256, so a leaked
 * table does not open anyone's registration.
 */
export function registrantPath(slug: string, token: string): string {
  return `/events/${encodeURIComponent(slug)}/r/${encodeURIComponent(token)}`;
}

/** A new personal token (URL-safe) and the hash stored for it. */
export function newRegistrationToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(24).toString('base64url');
  return { token, tokenHash: hashRegistrationToken(token) };
}

export function hashRegistrationToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A token as the link carries it; anything else is simply not found. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{20,64}$/.test(token);
}
