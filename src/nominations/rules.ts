import type { Cycle } from '../cycles/cycle.entity';
import type { Category, DocumentKind } from '../cycles/category.entity';
import { isIn, type NominationStatus } from './statuses';

export const TEXT_LIMITS = { achievements: 5000, motivation: 3000 } as const;
export const MIN_TEXT = { achievements: 50, motivation: 50 } as const;

export type EditWindow = { open: true } | { open: false; deadline: Date | null };

const inWindow = (now: Date, start: Date | null, end: Date | null) => (!start || now >= start) && (!end || now < end);

/**
 * When an officer may create, edit, submit or withdraw. Drafts and new nominations: only while the
 * cycle takes nominations (status and dates). A nomination returned for correction may also be fixed
 * and resubmitted during screening, until screening ends — otherwise a return late in the window
 * could never be answered.
 */
export function officerEditWindow(cycle: Pick<Cycle, 'status' | 'nominationsStart' | 'nominationsEnd' | 'screeningEnd'>, status: NominationStatus | null, now: Date): EditWindow {
  const nominationsOpen = cycle.status === 'nominations_open' && inWindow(now, cycle.nominationsStart, cycle.nominationsEnd);
  if (nominationsOpen && (status === null || isIn('editable', status))) return { open: true };
  if (isIn('awaitingCorrection', status) && (cycle.status === 'screening' || cycle.status === 'nominations_open') && (!cycle.screeningEnd || now < cycle.screeningEnd)) {
    return { open: true };
  }
  const deadline = isIn('awaitingCorrection', status) && cycle.status === 'screening' ? cycle.screeningEnd : cycle.nominationsEnd;
  return { open: false, deadline };
}

/** When a cycle announced for nominations has not opened them yet: the start, else null. */
export function opensLater(cycle: Pick<Cycle, 'status' | 'nominationsStart'>, now: Date): Date | null {
  return cycle.status === 'nominations_open' && cycle.nominationsStart && now < cycle.nominationsStart ? cycle.nominationsStart : null;
}

/** Withdrawal is possible only before screening starts. */
export function canWithdraw(cycle: Pick<Cycle, 'status' | 'nominationsStart' | 'nominationsEnd'>, status: NominationStatus, now: Date): boolean {
  return isIn('withdrawable', status) && cycle.status === 'nominations_open' && inWindow(now, cycle.nominationsStart, cycle.nominationsEnd);
}

export interface SubmissionFacts {
  category: Pick<Category, 'minYearsPractice' | 'pastWinnersExcludedYears' | 'requiredDocuments'> | null;
  nominee: { lastName: string; firstName: string; patronymic: string; position: string; institution: string; specialty: string; yearsOfPractice: number | null; phone: string; email: string };
  achievements: string;
  motivation: string;
  attachmentKinds: string[];
  /** the officer ticked some data the nominee allows to be published: the signed consent to publication must be attached */
  publicationAsked: boolean;
  /** a win in a same-named category within the excluded years, if any (its year) */
  recentWinYear: number | null;
}

export type Problems = Record<string, { key: string; params?: Record<string, unknown> }>;

/**
 * Everything that must hold before a nomination can be submitted, each named by the form field it
 * belongs to (so the page shows it next to that field). Quota and duplicates need locks and are
 * checked in submitNomination().
 */
export function submissionProblems(f: SubmissionFacts): Problems {
  const p: Problems = {};
  const required = ['lastName', 'firstName', 'position', 'institution', 'specialty'] as const;
  for (const field of required) if (!f.nominee[field].trim()) p[`nominee.${field}`] = { key: 'validation.required' };
  if (!f.nominee.phone.trim() && !f.nominee.email.trim()) p['nominee.phone'] = { key: 'nominations.rules.contactRequired' };
  if (f.nominee.yearsOfPractice === null) p['nominee.yearsOfPractice'] = { key: 'validation.required' };
  if (!f.category) p.categoryId = { key: 'nominations.rules.categoryRequired' };
  // 152-FZ art. 9: no processing without the person's signed consent; art. 10.1: no publishing without a separate one
  if (!f.attachmentKinds.includes('consent_processing')) p['consent.processing'] = { key: 'consent.rules.processingMissing' };
  if (f.publicationAsked && !f.attachmentKinds.includes('consent_publication')) p['consent.publication'] = { key: 'consent.rules.publicationMissing' };
  for (const field of ['achievements', 'motivation'] as const) {
    const len = f[field].trim().length;
    if (len === 0) p[field] = { key: 'validation.required' };
    else if (len < MIN_TEXT[field]) p[field] = { key: 'nominations.rules.textTooShort', params: { min: MIN_TEXT[field] } };
  }
  if (!f.category) return p;
  if (f.nominee.yearsOfPractice !== null && f.nominee.yearsOfPractice < f.category.minYearsPractice) {
    p['nominee.yearsOfPractice'] = { key: 'nominations.rules.minYears', params: { min: f.category.minYearsPractice } };
  }
  const missing = f.category.requiredDocuments.filter((kind: DocumentKind) => !f.attachmentKinds.includes(kind));
  if (missing.length) p.documents = { key: 'nominations.rules.documentsMissing', params: { kinds: missing } };
  if (f.recentWinYear !== null) p.categoryId = { key: 'nominations.rules.pastWinner', params: { year: f.recentWinYear, years: f.category.pastWinnersExcludedYears } };
  return p;
}
