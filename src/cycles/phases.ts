import type { CycleKind, CycleStatus } from './cycle.entity';
import { statusesOf, type NominationStatus, type StatusGroup } from '../nominations/statuses';
import { windowOfPhase } from './phase-move-dates';

/**
 * The rules for moving a cycle from one phase to the next by hand. Pure: they read a "facts" object
 * (gathered by phase-facts.ts inside the transaction of the move) and never touch the database, so
 * they are tested without HTTP. A later precondition is one more rule in a transition's list, plus the
 * fact it needs.
 */

export type StatusCounts = Partial<Record<NominationStatus, number>>;

export interface CategoryFacts {
  id: number;
  name: string;
  nominations: StatusCounts;
  /** what judging needs in the category (criteria, panel jurors, assignments); absent counts as none */
  jury?: { criteria: number; jurors: number; assignments: number };
}

export interface PhaseFacts {
  status: CycleStatus;
  /** absent counts as an award */
  kind?: CycleKind;
  now: Date;
  nominationsStart: Date | null;
  nominationsEnd: Date | null;
  /** the planned end of judging; absent counts as none (judging then runs until the admin closes it) */
  judgingEnd?: Date | null;
  categories: CategoryFacts[];
  /** how many tracks a programme has (src/programmes); absent counts as none */
  tracks?: number;
  /** every nomination of the cycle by status, those without a category (drafts) included */
  nominations: StatusCounts;
  /** a programme's rankings whose allocation of places is not approved yet (src/programmes); absent counts as none */
  unapprovedRankings?: string[];
  /** a programme's offers of places not yet answered (src/programmes/offers-query.ts); absent counts as none */
  pendingOffers?: number;
}

/** A failed precondition: a catalog key and its parameters, shown to the admin as a sentence. */
export interface PhaseProblem {
  key: string;
  /** a list of names is shown quoted and joined (see web/i18n.ts) */
  params?: Record<string, string | number | string[]>;
}

export type PhaseRule = (facts: PhaseFacts) => PhaseProblem | null;

/** How many nominations of a group of statuses (nominations/statuses.ts) the counts hold. */
const countOf = (counts: StatusCounts, group: StatusGroup) => statusesOf(group).reduce((sum, s) => sum + (counts[s] ?? 0), 0);

export const phaseRules = {
  hasCategory: (f) => (f.categories.length > 0 ? null : { key: 'cycles.phase.problem.noCategories' }),
  // a programme's applicants choose among its tracks, as an award's nominees are nominated into its categories
  hasTrack: (f) => ((f.tracks ?? 0) > 0 ? null : { key: 'programmes.phase.problem.noTracks' }),
  nominationWindowSet: (f) => (f.nominationsStart && f.nominationsEnd ? null : { key: 'cycles.phase.problem.noNominationWindow' }),
  // Opening a window that has already closed would be undone by the phase clock a minute later.
  nominationsEndAhead: (f) => (!f.nominationsEnd || f.nominationsEnd > f.now ? null : { key: 'cycles.phase.problem.nominationsEndPassed' }),
  // The same for judging: the clock closes it at its end, so jurors would not get to score at all.
  // Refused rather than extended: how long jurors need is the admin's call (the problem says where to set it).
  judgingEndAhead: (f) => (!f.judgingEnd || f.judgingEnd > f.now ? null : { key: 'cycles.phase.problem.judgingEndPassed' }),
  noneAwaitingDecision: (f) => {
    const waiting = countOf(f.nominations, 'awaitingDecision');
    return waiting === 0 ? null : { key: 'cycles.phase.problem.awaitingDecision', params: { count: waiting } };
  },
  // A nomination returned for correction may still be resubmitted during screening; judging must not strand it.
  noneAwaitingCorrection: (f) => {
    const returned = countOf(f.nominations, 'awaitingCorrection');
    return returned === 0 ? null : { key: 'cycles.phase.problem.awaitingCorrection', params: { count: returned } };
  },
  someAccepted: (f) => (countOf(f.nominations, 'underJudging') > 0 ? null : { key: 'cycles.phase.problem.noneAccepted' }),
  // Jurors score only by criteria, and only what is assigned to them: each category with accepted nominations needs both.
  juryReady: (f) => {
    const unready = f.categories.filter((c) => countOf(c.nominations, 'underJudging') > 0 && !(c.jury && c.jury.criteria > 0 && c.jury.jurors > 0 && c.jury.assignments > 0));
    return unready.length ? { key: 'juryAdmin.phaseProblem.notReady', params: { categories: unready.map((c) => c.name) } } : null;
  },
  // offers go out when an allocation is approved: confirmation must not start while a ranking has sent none
  allocationApproved: (f) => (f.unapprovedRankings?.length ? { key: 'programmeAllocation.phaseProblem.notApproved', params: { rankings: f.unapprovedRankings } } : null),
  // training starts with the lists settled: every offer confirmed, declined or expired (the reserve moved for it)
  noPendingOffers: (f) => (f.pendingOffers ? { key: 'programmeConfirmation.phaseProblem.pendingOffers', params: { count: f.pendingOffers } } : null),
} satisfies Record<string, PhaseRule>;

export interface PhaseTransition {
  from: CycleStatus;
  to: CycleStatus;
  rules: PhaseRule[];
}

/**
 * The moves the admin makes by hand. approved and published are reached by approving and publishing
 * results (another page), so they are not offered here.
 */
export const MANUAL_TRANSITIONS: readonly PhaseTransition[] = [
  { from: 'draft', to: 'nominations_open', rules: [phaseRules.hasCategory, phaseRules.nominationWindowSet, phaseRules.nominationsEndAhead] },
  // Drafts stay drafts: closing nominations never submits anything on an officer's behalf.
  { from: 'nominations_open', to: 'screening', rules: [] },
  { from: 'screening', to: 'judging', rules: [phaseRules.noneAwaitingDecision, phaseRules.noneAwaitingCorrection, phaseRules.someAccepted, phaseRules.juryReady, phaseRules.judgingEndAhead] },
  { from: 'judging', to: 'deliberation', rules: [] },
  { from: 'published', to: 'archived', rules: [] },
];

/**
 * A programme of internships (issue 12) shares the phases up to selection (judging) with awards, so that
 * officers apply, admins screen and the commission scores with the same pages; then places are allocated,
 * confirmed, trained and completed. Every move is the admin's, except those the clock makes (phase-clock.ts).
 */
export const PROGRAMME_TRANSITIONS: readonly PhaseTransition[] = [
  { from: 'draft', to: 'nominations_open', rules: [phaseRules.hasTrack, phaseRules.nominationWindowSet, phaseRules.nominationsEndAhead] },
  { from: 'nominations_open', to: 'screening', rules: [] },
  { from: 'screening', to: 'judging', rules: [phaseRules.noneAwaitingDecision, phaseRules.noneAwaitingCorrection, phaseRules.someAccepted, phaseRules.juryReady, phaseRules.judgingEndAhead] },
  { from: 'judging', to: 'allocation', rules: [] },
  { from: 'allocation', to: 'confirmation', rules: [phaseRules.allocationApproved] },
  { from: 'confirmation', to: 'training', rules: [phaseRules.noPendingOffers] },
  { from: 'training', to: 'completion', rules: [] },
  { from: 'completion', to: 'closed', rules: [] },
];

const TRANSITIONS_OF: Record<CycleKind, readonly PhaseTransition[]> = { award: MANUAL_TRANSITIONS, programme: PROGRAMME_TRANSITIONS };

/** The phases each kind of cycle goes through, in order (the phases results reach for awards included). */
export const PHASES_OF: Record<CycleKind, readonly CycleStatus[]> = {
  award: ['draft', 'nominations_open', 'screening', 'judging', 'deliberation', 'approved', 'published', 'archived'],
  programme: ['draft', ...PROGRAMME_TRANSITIONS.map((t) => t.to)],
};

/** The dated windows (phase-dates.ts) of a kind's phases: a programme has no deliberation. */
export const windowsOf = (kind: CycleKind) => PHASES_OF[kind].map(windowOfPhase).filter((w) => w !== undefined);

/** The catalog keys a phase is shown by: a programme names its phases its own way («отбор», not «работа жюри»). */
export function phaseKeys(kind: CycleKind, status: string) {
  return kind === 'programme'
    ? { label: `programmes.phases.${status}`, action: `programmes.phase.action.${status}`, effect: `programmes.phase.effect.${status}` }
    : { label: `phases.${status}`, action: `cycles.phase.action.${status}`, effect: `cycles.phase.effect.${status}` };
}

export const windowLegendKey = (kind: CycleKind, phase: string) => (kind === 'programme' ? `programmes.window.${phase}` : `phases.window.${phase}`);

/** The next phase the admin may move a cycle of this kind to by hand from `status`, if any. */
export function manualTransitionFrom(status: CycleStatus, kind: CycleKind = 'award'): PhaseTransition | undefined {
  return TRANSITIONS_OF[kind].find((t) => t.from === status);
}

/** Every failed precondition of a transition, in the order of its rules. */
export function problemsOf(transition: PhaseTransition, facts: PhaseFacts): PhaseProblem[] {
  return transition.rules.map((rule) => rule(facts)).filter((p): p is PhaseProblem => p !== null);
}

export type PhaseCheck =
  | { ok: true; transition: PhaseTransition }
  | { ok: false; reason: 'notAvailable' }
  | { ok: false; reason: 'blocked'; transition: PhaseTransition; problems: PhaseProblem[] };

/** May a cycle in the state `facts` be moved to `to` by hand now? */
export function checkMove(facts: PhaseFacts, to: string): PhaseCheck {
  const transition = manualTransitionFrom(facts.status, facts.kind);
  if (!transition || transition.to !== to) return { ok: false, reason: 'notAvailable' };
  const problems = problemsOf(transition, facts);
  return problems.length ? { ok: false, reason: 'blocked', transition, problems } : { ok: true, transition };
}
