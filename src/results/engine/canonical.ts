import { createHash } from 'node:crypto';
import type { Method, ResultInput, ScorecardInput } from './types';

/**
 * The canonical form of a (valid) input: defaults filled in, nominations, scorecards and recusals sorted by id
 * (code-unit order, not locale order, so it is the same on every machine). Criteria keep their input order
 * because it matters (the tie-break takes the first of equally weighted criteria). Everything downstream works
 * on this form, so a permuted input gives the identical output; its hash seeds the bootstrap, so the same input
 * always gives the same intervals.
 */
export interface CanonicalInput {
  method: Method;
  winners: number;
  quotaPerMunicipality: number | null;
  criteria: Array<{ id: string; weight: number; min: number; max: number }>;
  nominations: Array<{ id: string; municipality: string }>;
  /** the input's own scorecard objects (not copied: 70,000 of them), in canonical order */
  scorecards: ScorecardInput[];
  recusals: Array<{ juror: string; nomination: string }>;
}

export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byPair = (a: { juror: string; nomination: string }, b: { juror: string; nomination: string }) =>
  byCodeUnits(a.juror, b.juror) || byCodeUnits(a.nomination, b.nomination);

export function canonicalize(input: ResultInput): CanonicalInput {
  return {
    method: input.method ?? 'zscore',
    winners: input.winners,
    quotaPerMunicipality: input.quotaPerMunicipality ?? null,
    criteria: input.criteria.map((c) => ({ id: c.id, weight: c.weight, min: c.min, max: c.max })),
    nominations: input.nominations.map((n) => ({ id: n.id, municipality: n.municipality })).sort((a, b) => byCodeUnits(a.id, b.id)),
    scorecards: [...input.scorecards].sort(byPair),
    recusals: (input.recusals ?? []).map((r) => ({ juror: r.juror, nomination: r.nomination })).sort(byPair),
  };
}

/**
 * sha256 of the canonical JSON, the bootstrap seed: everything but the scorecards as JSON, then each scorecard
 * as [juror, nomination, score per criterion in criteria order], so extra fields and key order do not count.
 */
export function canonicalDigest(canonical: CanonicalInput): Buffer {
  const { scorecards, ...rest } = canonical;
  const hash = createHash('sha256').update(JSON.stringify(rest));
  const ids = canonical.criteria.map((c) => c.id);
  let chunk: string[] = [];
  for (const card of scorecards) {
    chunk.push(JSON.stringify([card.juror, card.nomination, ...ids.map((id) => card.scores[id])]));
    if (chunk.length === 4096) {
      hash.update(chunk.join('\n'));
      chunk = [];
    }
  }
  return hash.update(chunk.join('\n')).digest();
}
