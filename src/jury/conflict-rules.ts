import { normaliseName } from '../text/normalise';
import type { ConflictKind } from './assignment.entity';

export interface JurorProfile {
  id: number;
  municipalityId: number | null;
  institution: string | null;
}

export interface NominationProfile {
  id: number;
  municipalityId: number;
  /** the nominee's institution */
  institution: string;
}

/**
 * Institutions as the rule compares them, remembered: the progress matrix asks about every juror × nomination
 * pair (50,000 at 500 × 100), and normalising both names each time was most of its cost. Bounded: cleared
 * when it grows past a few thousand names.
 */
const normalised = new Map<string, string>();
function normalisedInstitution(value: string | null): string {
  if (!value) return '';
  let hit = normalised.get(value);
  if (hit === undefined) {
    if (normalised.size >= 5000) normalised.clear();
    normalised.set(value, (hit = normaliseName(value)));
  }
  return hit;
}

/**
 * The automatic conflict-of-interest rule: a juror never judges a nomination from their own
 * municipality or their own institution (names compared normalised: case, «ё/е», quotes, spacing).
 */
export function automaticConflict(juror: JurorProfile, nomination: NominationProfile): Exclude<ConflictKind, 'declared'> | null {
  if (juror.municipalityId !== null && juror.municipalityId === nomination.municipalityId) return 'municipality';
  const mine = normalisedInstitution(juror.institution);
  if (mine && mine === normalisedInstitution(nomination.institution)) return 'institution';
  return null;
}
