import { MAX_PREFERENCES, type AllocationInput } from './types';

/** The fields an input may have: every one of AllocationInput's, and only those (the type checks both ways). */
const INPUT_FIELDS: Record<keyof AllocationInput, true> = { seed: true, tracks: true, applicants: true, forced: true, withdrawn: true };

/**
 * Checks an allocation input before anything is computed. One line per problem, naming the entry
 * (`applicants[3] (17): …`), in input order; an empty list means valid.
 *
 * Decisions: a preference naming an unknown track, or the same track twice, is a problem (a typo must not
 * silently drop a choice); an applicant may list no track (they get none and wait on no reserve); forced places
 * must fit the track's places and municipality quota, as the admin's override of winners must (an override is
 * a change of who, not of how many); a forced place may be a track the applicant did not list (the reason says
 * why); an applicant cannot be both forced and withdrawn.
 */
export function validateAllocationInput(input: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(input)) return ['input: expected an object'];
  for (const key of Object.keys(input)) if (!Object.hasOwn(INPUT_FIELDS, key)) problems.push(`input: unknown field "${key}"`);
  if (typeof input.seed !== 'string' || input.seed === '') problems.push('seed: must be a non-empty string');

  const tracks = checkTracks(input.tracks, problems);
  const applicants = checkApplicants(input.applicants, tracks, problems);
  const withdrawn = checkWithdrawn(input.withdrawn, applicants, problems);
  checkForced(input.forced, tracks, applicants, withdrawn, problems);
  return problems;
}

type TrackRule = { places: number; quota: number | null };

function checkTracks(value: unknown, problems: string[]): Map<string, TrackRule> {
  const tracks = new Map<string, TrackRule>();
  if (!Array.isArray(value)) {
    problems.push('tracks: must be an array');
    return tracks;
  }
  value.forEach((t, i) => {
    const at = `tracks[${i}]`;
    if (!isObject(t) || !isId(t.id)) return problems.push(`${at}: must be an object with a non-empty string id`);
    const name = `${at} (${t.id})`;
    if (tracks.has(t.id)) return problems.push(`${name}: duplicate id`);
    const placesOk = isInteger(t.places) && t.places >= 0;
    if (!placesOk) problems.push(`${name}: places must be an integer ≥ 0 (got ${show(t.places)})`);
    const quota = t.quotaPerMunicipality;
    const quotaOk = quota === null || (isInteger(quota) && quota >= 1);
    if (!quotaOk) problems.push(`${name}: quotaPerMunicipality must be null or an integer ≥ 1 (got ${show(quota)})`);
    tracks.set(t.id, { places: placesOk ? (t.places as number) : Infinity, quota: quotaOk ? (quota as number | null) : null });
  });
  return tracks;
}

function checkApplicants(value: unknown, tracks: Map<string, TrackRule>, problems: string[]): Map<string, string> {
  const municipalities = new Map<string, string>();
  if (!Array.isArray(value)) {
    problems.push('applicants: must be an array');
    return municipalities;
  }
  value.forEach((a, i) => {
    const at = `applicants[${i}]`;
    if (!isObject(a) || !isId(a.id)) return problems.push(`${at}: must be an object with a non-empty string id`);
    const name = `${at} (${a.id})`;
    if (municipalities.has(a.id)) return problems.push(`${name}: duplicate id`);
    if (!isId(a.municipality)) problems.push(`${name}: municipality must be a non-empty string`);
    municipalities.set(a.id, isId(a.municipality) ? a.municipality : '');
    if (!isInteger(a.rank) || a.rank < 1) problems.push(`${name}: rank must be an integer ≥ 1 (got ${show(a.rank)})`);
    if (!Array.isArray(a.preferences)) return problems.push(`${name}: preferences must be an array of track ids`);
    if (a.preferences.length > MAX_PREFERENCES) problems.push(`${name}: at most ${MAX_PREFERENCES} preferences (got ${a.preferences.length})`);
    const seen = new Set<unknown>();
    for (const p of a.preferences) {
      if (!isId(p) || !tracks.has(p)) problems.push(`${name}: preference ${show(p)} is not a track`);
      else if (seen.has(p)) problems.push(`${name}: track ${p} listed twice`);
      seen.add(p);
    }
  });
  return municipalities;
}

function checkWithdrawn(value: unknown, applicants: Map<string, string>, problems: string[]): Set<string> {
  const out = new Set<string>();
  if (value === undefined) return out;
  if (!Array.isArray(value)) {
    problems.push('withdrawn: must be an array of applicant ids');
    return out;
  }
  value.forEach((id, i) => {
    if (!isId(id) || !applicants.has(id)) problems.push(`withdrawn[${i}]: ${show(id)} is not an applicant`);
    else if (out.has(id)) problems.push(`withdrawn[${i}]: ${id} listed twice`);
    else out.add(id);
  });
  return out;
}

function checkForced(value: unknown, tracks: Map<string, TrackRule>, applicants: Map<string, string>, withdrawn: Set<string>, problems: string[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.push('forced: must be an array');
    return;
  }
  const placed = new Set<string>();
  const filled = new Map<string, number>();
  const perMunicipality = new Map<string, number>();
  value.forEach((f, i) => {
    const at = `forced[${i}]`;
    if (!isObject(f)) return problems.push(`${at}: must be an object`);
    if (!isId(f.applicant) || !applicants.has(f.applicant)) return problems.push(`${at}: ${show(f.applicant)} is not an applicant`);
    const name = `${at} (${f.applicant})`;
    if (!isId(f.track) || !tracks.has(f.track)) return problems.push(`${name}: ${show(f.track)} is not a track`);
    if (typeof f.reason !== 'string' || f.reason.trim() === '') problems.push(`${name}: a forced place needs a written reason`);
    if (withdrawn.has(f.applicant)) return problems.push(`${name}: the applicant is withdrawn`);
    if (placed.has(f.applicant)) return problems.push(`${name}: the applicant is forced twice`);
    placed.add(f.applicant);
    const rule = tracks.get(f.track)!;
    const count = (filled.get(f.track) ?? 0) + 1;
    filled.set(f.track, count);
    if (count > rule.places) problems.push(`${name}: track ${f.track} has only ${rule.places} places`);
    const key = `${f.track}\u0000${applicants.get(f.applicant)}`;
    const used = (perMunicipality.get(key) ?? 0) + 1;
    perMunicipality.set(key, used);
    if (rule.quota !== null && used > rule.quota) {
      problems.push(`${name}: municipality ${applicants.get(f.applicant)} is over the quota of ${rule.quota} on track ${f.track}`);
    }
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}
