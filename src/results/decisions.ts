import type { ResultOutput } from './engine';

/**
 * The rules of deliberation, pure. The engine's winners are the proposal; the admin may replace them with a
 * list of their own (with a reason, recorded elsewhere). A tie the rules cannot break (`undecided`) leaves the
 * proposal incomplete: until an override decides it, the category has no final list and cannot be approved.
 */

export interface Decision {
  /** the engine's certain places, in place order */
  computed: number[];
  /** members of a tie across the winners' cut the admin must choose among */
  undecided: number[];
  /** the admin's list, when they changed the proposal */
  override: number[] | null;
  /** what approval would freeze; null while an undecided tie is open */
  final: number[] | null;
}

export function decide(output: Pick<ResultOutput, 'winners' | 'undecided'>, override: number[] | null): Decision {
  const computed = output.winners.map(Number);
  const undecided = output.undecided.map(Number);
  const final = override ?? (undecided.length ? null : computed);
  return { computed, undecided, override, final };
}

export interface OverrideContext {
  maxWinners: number;
  quotaPerMunicipality: number | null;
  /** every nomination that may be placed (scored in the category) → its municipality */
  eligible: Map<number, string>;
}

export interface OverrideProblem {
  /** the form field: place1, place2, … or _form */
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export type OverrideCheck = { ok: true; winners: number[] } | { ok: false; problems: OverrideProblem[] };

/**
 * Checks the places the admin chose: `places[i]` is the nomination for place i + 1 or null (left empty). Empty
 * places may only come at the end (fewer winners than places), there is at least one winner, no nomination
 * twice, only nominations that were scored in the category, and the municipality quota holds as it does for
 * the computed list.
 */
export function checkOverride(places: Array<number | null>, ctx: OverrideContext): OverrideCheck {
  const problems: OverrideProblem[] = [];
  if (places.length > ctx.maxWinners) problems.push({ field: '_form', key: 'results.override.tooMany', params: { max: ctx.maxWinners } });
  const lastFilled = places.reduce<number>((last, id, i) => (id === null ? last : i), -1);
  if (lastFilled < 0) problems.push({ field: 'place1', key: 'results.override.noWinner' });
  const seen = new Set<number>();
  const perMunicipality = new Map<string, number>();
  places.forEach((id, i) => {
    const field = `place${i + 1}`;
    if (id === null) {
      if (i < lastFilled) problems.push({ field, key: 'results.override.gap', params: { place: i + 1 } });
      return;
    }
    const municipality = ctx.eligible.get(id);
    if (municipality === undefined) return problems.push({ field, key: 'results.override.notEligible' });
    if (seen.has(id)) return problems.push({ field, key: 'results.override.duplicate' });
    seen.add(id);
    const used = (perMunicipality.get(municipality) ?? 0) + 1;
    perMunicipality.set(municipality, used);
    if (ctx.quotaPerMunicipality !== null && used > ctx.quotaPerMunicipality) {
      problems.push({ field, key: 'results.override.quota', params: { municipality, quota: ctx.quotaPerMunicipality } });
    }
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, winners: places.slice(0, lastFilled + 1) as number[] };
}

/** The nominations an override may place: those with at least one counted scorecard, with their municipalities. */
export function eligibleOf(output: ResultOutput, municipalities: Map<string, string>): Map<number, string> {
  return new Map(output.ranking.filter((r) => r.scorecards > 0).map((r) => [Number(r.nomination), municipalities.get(r.nomination) ?? '']));
}

export const sameList = (a: readonly number[] | null, b: readonly number[] | null) => !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
