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
 * The automatic conflict-of-interest rule: a juror never judges a nomination from their own
 * municipality or their own institution (names compared normalised: case, «ё/е», quotes, spacing).
 */
export function automaticConflict(juror: JurorProfile, nomination: NominationProfile): Exclude<ConflictKind, 'declared'> | null {
  if (juror.municipalityId !== null && juror.municipalityId === nomination.municipalityId) return 'municipality';
  const mine = normaliseName(juror.institution);
  if (mine && mine === normaliseName(nomination.institution)) return 'institution';
  return null;
}
