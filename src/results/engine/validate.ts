import { METHODS } from './types';

/**
 * Checks an input before anything is computed. Returns one line per problem, each naming the entry
 * (`scorecards[3]: …`), in input order; an empty list means valid. Indexes are those of the input as given.
 *
 * Decisions: a scorecard must score every criterion (a partial card would make s incomparable);
 * unknown top-level fields are problems (a misspelt "quotaPerMunicipality" would silently change the
 * winners), while extra fields inside entries are ignored (the app may carry names along);
 * a duplicate recusal is a problem (it would inflate the juror's "recused" count).
 */
export function validateInput(input: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(input)) return ['input: expected a JSON object'];

  const known = new Set(['method', 'winners', 'quotaPerMunicipality', 'criteria', 'nominations', 'scorecards', 'recusals']);
  for (const key of Object.keys(input)) if (!known.has(key)) problems.push(`input: unknown field "${key}"`);

  if (input.method !== undefined && !(METHODS as readonly unknown[]).includes(input.method)) {
    problems.push(`method: ${show(input.method)} is not one of ${METHODS.join(', ')}`);
  }
  if (!isInteger(input.winners) || input.winners < 1) problems.push(`winners: must be an integer ≥ 1 (got ${show(input.winners)})`);
  const quota = input.quotaPerMunicipality;
  if (quota !== undefined && quota !== null && (!isInteger(quota) || quota < 1)) {
    problems.push(`quotaPerMunicipality: must be null or an integer ≥ 1 (got ${show(quota)})`);
  }

  const criteria = checkCriteria(input.criteria, problems);
  const nominations = checkNominations(input.nominations, problems);
  const recusals = checkRecusals(input.recusals, nominations, problems);
  checkScorecards(input.scorecards, criteria, nominations, recusals, problems);
  return problems;
}

// null: the scale bounds themselves are invalid, so scores cannot be range-checked. A criterion that is invalid
// for another reason (its weight) keeps its scale: every problem is reported at once, not the next after a fix.
type Scale = { min: number; max: number } | null;

function checkCriteria(value: unknown, problems: string[]): Map<string, Scale> | null {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push('criteria: must be a non-empty array');
    return null;
  }
  const seen = new Map<string, Scale>();
  const firstIndex = new Map<string, number>();
  value.forEach((c, i) => {
    const at = `criteria[${i}]`;
    if (!isObject(c)) return problems.push(`${at}: must be an object`);
    if (!isId(c.id)) return problems.push(`${at}: id must be a non-empty string`);
    const name = `${at} (${c.id})`;
    if (firstIndex.has(c.id)) problems.push(`${name}: duplicate id, also criteria[${firstIndex.get(c.id)}]`);
    else firstIndex.set(c.id, i);
    if (typeof c.weight !== 'number' || !Number.isFinite(c.weight) || c.weight <= 0) {
      problems.push(`${name}: weight must be a number > 0 (got ${show(c.weight)})`);
    }
    let scale: Scale = null;
    if (!isInteger(c.min) || !isInteger(c.max)) {
      problems.push(`${name}: scale bounds min and max must be integers (got ${show(c.min)} and ${show(c.max)})`);
    } else if (c.min >= c.max) {
      problems.push(`${name}: scale min ${c.min} must be less than max ${c.max}`);
    } else {
      scale = { min: c.min, max: c.max };
    }
    if (!seen.has(c.id)) seen.set(c.id, scale);
  });
  return seen;
}

function checkNominations(value: unknown, problems: string[]): Set<string> | null {
  if (!Array.isArray(value)) {
    problems.push('nominations: must be an array');
    return null;
  }
  const firstIndex = new Map<string, number>();
  value.forEach((n, i) => {
    const at = `nominations[${i}]`;
    if (!isObject(n)) return problems.push(`${at}: must be an object`);
    if (!isId(n.id)) return problems.push(`${at}: id must be a non-empty string`);
    if (firstIndex.has(n.id)) problems.push(`${at} (${n.id}): duplicate id, also nominations[${firstIndex.get(n.id)}]`);
    else firstIndex.set(n.id, i);
    if (!isId(n.municipality)) problems.push(`${at} (${n.id}): municipality must be a non-empty string`);
  });
  return new Set(firstIndex.keys());
}

/** Returns "juror\u0000nomination" → index of the recusal, for the scorecard check. */
function checkRecusals(value: unknown, nominations: Set<string> | null, problems: string[]): Map<string, number> {
  const pairs = new Map<string, number>();
  if (value === undefined) return pairs;
  if (!Array.isArray(value)) {
    problems.push('recusals: must be an array');
    return pairs;
  }
  value.forEach((r, i) => {
    const at = `recusals[${i}]`;
    if (!isObject(r)) return problems.push(`${at}: must be an object`);
    if (!isId(r.juror)) return problems.push(`${at}: juror must be a non-empty string`);
    if (!isId(r.nomination)) return problems.push(`${at}: juror ${r.juror} recused from ${show(r.nomination)}; nomination must be a non-empty string`);
    if (nominations && !nominations.has(r.nomination)) problems.push(`${at}: juror ${r.juror} recused from ${r.nomination}, which is not a nomination`);
    const key = `${r.juror}\u0000${r.nomination}`;
    if (pairs.has(key)) problems.push(`${at}: juror ${r.juror} is already recused from ${r.nomination} (recusals[${pairs.get(key)}])`);
    else pairs.set(key, i);
  });
  return pairs;
}

function checkScorecards(
  value: unknown,
  criteria: Map<string, Scale> | null,
  nominations: Set<string> | null,
  recusals: Map<string, number>,
  problems: string[],
): void {
  if (!Array.isArray(value)) {
    problems.push('scorecards: must be an array');
    return;
  }
  const firstIndex = new Map<string, number>();
  value.forEach((card, i) => {
    const at = `scorecards[${i}]`;
    if (!isObject(card)) return problems.push(`${at}: must be an object`);
    if (!isId(card.juror)) return problems.push(`${at}: juror must be a non-empty string`);
    const juror = card.juror;
    if (!isId(card.nomination)) return problems.push(`${at}: juror ${juror} scored ${show(card.nomination)}; nomination must be a non-empty string`);
    const nom = card.nomination;
    if (nominations && !nominations.has(nom)) problems.push(`${at}: juror ${juror} scored ${nom}, which is not a nomination`);
    const key = `${juror}\u0000${nom}`;
    if (recusals.has(key)) problems.push(`${at}: juror ${juror} scored ${nom} but is recused from it (recusals[${recusals.get(key)}])`);
    if (firstIndex.has(key)) problems.push(`${at}: juror ${juror} already scored ${nom} (scorecards[${firstIndex.get(key)}])`);
    else firstIndex.set(key, i);

    if (!isObject(card.scores)) return problems.push(`${at}: juror ${juror} on ${nom}: scores must be an object of criterion id → score`);
    const scores = card.scores;
    for (const [cid, x] of Object.entries(scores)) {
      if (criteria && !criteria.has(cid)) {
        problems.push(`${at}: juror ${juror} scored ${nom} on ${cid}, which is not a criterion`);
        continue;
      }
      if (!isInteger(x)) {
        problems.push(`${at}: juror ${juror} gave ${nom} ${show(x)} on ${cid}, which is not an integer`);
        continue;
      }
      const scale = criteria?.get(cid);
      if (scale && (x < scale.min || x > scale.max)) {
        problems.push(`${at}: juror ${juror} gave ${nom} ${x} on ${cid}, outside its scale ${scale.min}–${scale.max}`);
      }
    }
    if (criteria) {
      for (const cid of criteria.keys()) {
        if (!Object.prototype.hasOwnProperty.call(scores, cid)) problems.push(`${at}: juror ${juror} did not score ${nom} on ${cid}`);
      }
    }
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
