import type { EntityManager } from 'typeorm';

/**
 * The demo password's hash, as the demo people were given it: a later demo account reuses it rather than
 * hashing again (argon2 is slow on purpose, and the demo is seeded at every first start and by many tests).
 */
export async function demoPasswordHash(m: EntityManager): Promise<string> {
  const rows: Array<{ hash: string }> = await m.query(`SELECT password_hash AS hash FROM app_user WHERE email = 'admin@example.org'`);
  return rows[0].hash;
}
