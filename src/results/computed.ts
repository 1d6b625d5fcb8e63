import { computeResults, validateInput, type Method, type ResultInput, type ResultOutput } from './engine';
import { canonicalDigest, canonicalize } from './engine/canonical';

/**
 * The engine's results of an input, remembered for a while. computeResults is a pure function of its input,
 * so an answer keyed by the input's canonical SHA-256 can never be stale: a changed score, method or quota is a
 * different key. The cache only saves the bootstrap's time (1–2 s for 10,000 nominations) when the admin moves
 * between the cycle's page, a category's page and the compare view; it is per process and holds few entries.
 */

export type Computed = { ok: true; hash: string; output: ResultOutput } | { ok: false; hash: null; problems: string[] };

const MAX_ENTRIES = 24;
const TTL_MS = 10 * 60 * 1000;
const cache = new Map<string, { output: ResultOutput; at: number }>();

/** The SHA-256 (hex) of the canonical form of a valid input: what approval freezes and the exports let anyone check. */
export function inputHash(input: ResultInput): string {
  return canonicalDigest(canonicalize(input)).toString('hex');
}

export function computeCached(input: ResultInput, now = Date.now()): Computed {
  const problems = validateInput(input);
  if (problems.length) return { ok: false, hash: null, problems };
  const hash = inputHash(input);
  const hit = cache.get(hash);
  if (hit && now - hit.at < TTL_MS) return { ok: true, hash, output: hit.output };
  const output = computeResults(input);
  cache.delete(hash);
  cache.set(hash, { output, at: now });
  // A Map iterates in insertion order: the first key is the oldest.
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return { ok: true, hash, output };
}

/** The same input under another method (the compare view). */
export function withMethod(input: ResultInput, method: Method): ResultInput {
  return { ...input, method };
}
