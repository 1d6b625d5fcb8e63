import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * Certificate numbers: PED-2026-0007, gap-free per cycle. The cycle's counter row is the lock every
 * issuing transaction takes first, so concurrent issuers queue on it: the second one waits, then sees
 * what the first committed (and doesn't issue twice to the same holder), then takes the next numbers.
 * A rolled-back transaction rolls its increment back with it, so no number is ever skipped.
 */

/** Locks the cycle's counter (creating it on first use) and returns the last number issued. */
export async function lockCounter(m: EntityManager, cycleId: number): Promise<number> {
  const rows: Array<{ last_seq: number }> = await m.query(
    `INSERT INTO certificate_counter (cycle_id, last_seq) VALUES ($1, 0)
     ON CONFLICT (cycle_id) DO UPDATE SET last_seq = certificate_counter.last_seq
     RETURNING last_seq`,
    [cycleId],
  );
  return rows[0].last_seq;
}

/** Takes the next `count` numbers of the cycle (call lockCounter first); returns the first of them. */
export async function takeNumbers(m: EntityManager, cycleId: number, count: number): Promise<number> {
  const rows: Array<{ last_seq: number }> = await m.query(
    // as a SELECT, so the driver returns the rows themselves (an UPDATE's result is [rows, count])
    `WITH taken AS (UPDATE certificate_counter SET last_seq = last_seq + $2 WHERE cycle_id = $1 RETURNING last_seq) SELECT last_seq FROM taken`,
    [cycleId, count],
  );
  return rows[0].last_seq - count + 1;
}

export const certificateNumber = (code: string, year: number, seq: number) => `${code}-${year}-${String(seq).padStart(4, '0')}`;

/** The verification code: 144 random bits, URL-safe (24 characters), never derived from anything. */
export const verificationCode = () => crypto.randomBytes(18).toString('base64url');

/** A code as it may arrive from a form or a URL: the same alphabet and length, else not ours. */
export const isVerificationCode = (s: string) => /^[A-Za-z0-9_-]{24}$/.test(s);
