import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import { phaseKeys } from '../cycles/phases';
import type { Translator } from '../web/i18n';
import type { FieldErrors } from '../web/forms';
import type { Placement } from './engine';
import type { Track } from './track.entity';
import { allocationsOf, type RankingAllocation } from './allocation-query';
import { mayChangeAllocation } from './allocation-rules';
import { placeCountsOf, type PlaceCounts } from './participant-counts';
import { applicationPeople, type ApplicationPerson } from './selection';

/** How much of a lottery ticket (sha256 hex) the page shows: enough to compare, the exports carry it whole. */
const TICKET_SHOWN = 12;

/** A form of one ranking's section sent back with its problems, the input kept. */
export interface SectionForm {
  categoryId: number;
  form: 'fix' | 'unfix' | 'approve';
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  formError?: string;
}

/** One applicant's line, in words: who, what they asked for, what they got and why. */
export interface ApplicantLine {
  nominationId: number;
  turn: number;
  rank: number;
  name: string;
  municipality: string;
  preferences: string[];
  track: string | null;
  choice: number | null;
  forced: boolean;
  out: boolean;
  why: string;
}

export const fullName = (p: ApplicationPerson | undefined) => (p ? [p.lastName, p.firstName, p.patronymic].filter(Boolean).join(' ') : '—');

/**
 * WHY as a sentence: each preference above the one they got (all of them without a place) with the reason it
 * could not be given at their turn, then the outcome. A fixed place says the admin's reason instead.
 */
export function whyOf(t: Translator, p: Placement, trackName: (id: string) => string): string {
  if (p.out) return t('programmeAllocation.why.out');
  if (p.source === 'forced') return t('programmeAllocation.why.forced', { reason: p.reason ?? '' });
  if (!p.preferences.length) return t('programmeAllocation.why.noPreferences');
  const blocked = p.blocked.map((b) => t(`programmeAllocation.why.blocked.${b.why}`, { choice: p.preferences.indexOf(b.track) + 1, track: trackName(b.track) }));
  const outcome =
    p.track === null
      ? t('programmeAllocation.why.none')
      : t(p.source === 'reserve' ? 'programmeAllocation.why.fromReserve' : 'programmeAllocation.why.got', { choice: p.choice ?? 0 });
  return blocked.length ? `${blocked.join('; ')}. ${outcome}` : outcome;
}

/** The lines of a ranking's allocation in turn order, with names: the page's table and the exports' rows. */
export async function applicantLines(m: EntityManager, t: Translator, allocation: RankingAllocation, tracks: readonly Track[]): Promise<ApplicantLine[]> {
  const names = new Map(tracks.map((tr) => [String(tr.id), tr.name]));
  const trackName = (id: string) => names.get(id) ?? id;
  const people = await applicationPeople(m, allocation.state.placements.map((p) => Number(p.applicant)));
  return allocation.state.placements.map((p) => {
    const person = people.get(Number(p.applicant));
    return {
      nominationId: Number(p.applicant),
      turn: p.turn,
      rank: p.rank,
      name: fullName(person),
      municipality: person?.municipalityName ?? '—',
      preferences: p.preferences.map(trackName),
      track: p.track === null ? null : trackName(p.track),
      choice: p.choice,
      forced: p.source === 'forced',
      out: p.out,
      why: whyOf(t, p, trackName),
    };
  });
}

function sectionOf(t: Translator, cycle: Cycle, allocation: RankingAllocation, tracks: readonly Track[], lines: ApplicantLine[], live: Map<number, PlaceCounts>, sent: SectionForm | undefined) {
  const approved = allocation.approvedAt !== null;
  const byId = new Map(lines.map((l) => [String(l.nominationId), l]));
  const own = tracks.filter((tr) => allocation.ranking.trackIds.includes(tr.id));
  const fixValues = sent?.form === 'fix' ? (sent.values ?? {}) : {};
  const mine = (form: SectionForm['form']) => (sent?.form === form ? sent : undefined);
  return {
    categoryId: allocation.ranking.categoryId,
    name: allocation.ranking.name,
    version: allocation.version,
    approved,
    approvedAt: allocation.approvedAt,
    canChange: !approved && mayChangeAllocation(cycle.status),
    // a refusal once nothing can be changed (approved, phase moved on) has no form left to stand next to
    refusal: !approved && mayChangeAllocation(cycle.status) ? null : (sent?.formError ?? null),
    tracks: own.map((tr) => {
      const count = allocation.state.counts.find((c) => c.track === String(tr.id));
      const reserve = allocation.state.reserves.find((r) => r.track === String(tr.id))?.applicants ?? [];
      return {
        id: tr.id,
        name: tr.name,
        quota: tr.quotaPerMunicipality,
        places: tr.places,
        filled: count?.filled ?? 0,
        free: count?.free ?? tr.places,
        reserveCount: reserve.length,
        reserve: reserve.map((id) => byId.get(id)?.name ?? id),
        live: approved ? (live.get(tr.id) ?? null) : null,
      };
    }),
    applicants: lines.map((l) => ({ ...l, unfixing: mine('unfix')?.values?.nominationId === String(l.nominationId) })),
    ties: allocation.state.ties.map((tie) => ({
      rank: tie.rank,
      draw: tie.draw.map((d) => ({ name: byId.get(d.applicant)?.name ?? d.applicant, ticket: d.ticket.slice(0, TICKET_SHOWN), fullTicket: d.ticket })),
    })),
    applicantChoices: lines.filter((l) => !l.out).map((l) => ({ value: l.nominationId, label: `${l.turn}. ${l.name}`, selected: String(fixValues.nominationId ?? '') === String(l.nominationId) })),
    trackChoices: own.map((tr) => ({ value: tr.id, label: tr.name, selected: String(fixValues.trackId ?? '') === String(tr.id) })),
    fix: mine('fix') ?? null,
    unfix: mine('unfix') ?? null,
    approve: mine('approve') ?? null,
  };
}

/** The allocation page: a section per ranking, each with its tracks, its applicants and what may be done. */
export async function allocationPageView(m: EntityManager, t: Translator, cycle: Cycle, sent?: SectionForm) {
  const { allocations, tracks } = await allocationsOf(m, cycle);
  const live = await placeCountsOf(m, cycle.id);
  const sections = [];
  for (const allocation of allocations) sections.push(sectionOf(t, cycle, allocation, tracks, await applicantLines(m, t, allocation, tracks), live, sent?.categoryId === allocation.ranking.categoryId ? sent : undefined));
  return {
    cycle,
    phaseKey: phaseKeys('programme', cycle.status).label,
    changeable: mayChangeAllocation(cycle.status),
    sections,
  };
}
