import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import { phaseKeys } from '../cycles/phases';
import type { FieldErrors } from '../web/forms';
import { fullName } from '../text/normalise';
import type { Track } from './track.entity';
import { trackView } from './track-view';
import { listSheets } from './attendance-sheets';
import { completionWindow } from './completion-rules';
import { isInParticipantGroup, participantStatusIn } from './participant-statuses';
import type { RowValues } from './completion-form';

interface HolderRow {
  id: number;
  lastName: string;
  firstName: string;
  patronymic: string;
  position: string;
  institution: string;
  origin: string;
  status: string;
  hoursAttended: number | null;
  outcomeReason: string | null;
  outcomeBy: string | null;
  statusChangedAt: Date | null;
}

/** The participants whose outcome the page marks: those holding a place (confirmed, and those already marked). */
export async function holdersOf(m: EntityManager, trackId: number): Promise<HolderRow[]> {
  return m.query(
    `SELECT p.id, p.last_name AS "lastName", p.first_name AS "firstName", p.patronymic, p.position, p.institution,
            coalesce(mu.name, p.organisation) AS origin, p.status, p.hours_attended AS "hoursAttended",
            p.outcome_reason AS "outcomeReason", u.full_name AS "outcomeBy", p.status_changed_at AS "statusChangedAt"
       FROM participant p LEFT JOIN municipality mu ON mu.id = p.municipality_id LEFT JOIN app_user u ON u.id = p.outcome_by_id
      WHERE p.track_id = $1 AND ${participantStatusIn('holding')}
      ORDER BY p.last_name, p.first_name, p.id`,
    [trackId],
  );
}

export interface CompletionOutcome {
  formError?: string;
  errors?: FieldErrors;
  values?: Record<number, RowValues>;
  /** the row whose correction was refused (its form stays open) */
  correcting?: number;
  sheetError?: string;
}

/**
 * The completion page of a track, the same for the admin and the host's coordinator (`base`: where its forms
 * post). Rows waiting for an outcome form the bulk form; rows marked show it, with a correction form each.
 */
export async function completionPageView(m: EntityManager, input: { cycle: Cycle; track: Track; base: string; today: string; outcome?: CompletionOutcome }) {
  const { cycle, track, base, outcome = {} } = input;
  const window = completionWindow(cycle.status, track.endDate, input.today);
  const holders = await holdersOf(m, track.id);
  const errors = outcome.errors ?? {};
  const row = (h: HolderRow) => {
    const marked = isInParticipantGroup('marked', h.status);
    const typed = outcome.values?.[h.id];
    const move = isInParticipantGroup('completed', h.status) ? 'complete' : marked ? 'fail' : '';
    const values = typed ?? { outcome: move, hours: String(h.hoursAttended ?? track.academicHours), reason: h.outcomeReason ?? '' };
    return {
      id: h.id,
      fullName: fullName(h),
      position: h.position,
      institution: h.institution,
      origin: h.origin,
      statusKey: `programmeParticipants.status.${h.status}`,
      completed: isInParticipantGroup('completed', h.status),
      hoursAttended: h.hoursAttended,
      outcomeReason: h.outcomeReason,
      outcomeBy: h.outcomeBy,
      markedAt: marked ? h.statusChangedAt : null,
      values,
      chosenComplete: values.outcome === 'complete',
      chosenFail: values.outcome === 'fail',
      hoursError: errors[`hours_${h.id}`],
      reasonError: errors[`reason_${h.id}`],
      outcomeError: errors[`outcome_${h.id}`],
      correcting: outcome.correcting === h.id,
    };
  };
  const awaiting = holders.filter((h) => isInParticipantGroup('awaitingOutcome', h.status)).map(row);
  const marked = holders.filter((h) => isInParticipantGroup('marked', h.status)).map(row);
  const sheets = await listSheets(m, track.id);
  return {
    cycle: { id: cycle.id, name: cycle.name },
    track: trackView(track),
    phaseKey: phaseKeys('programme', cycle.status).label,
    base,
    open: window.open,
    notEnded: !window.open && window.refused === 'notEnded',
    wrongPhase: !window.open && window.refused === 'phase',
    awaiting,
    marked,
    counts: { holders: holders.length, awaiting: awaiting.length, completed: marked.filter((r) => r.completed).length, notCompleted: marked.filter((r) => !r.completed).length },
    sheets: sheets.map((s) => ({ ...s, href: `${base}/attendance/${s.id}`, sizeKb: Math.max(1, Math.round(s.size / 1024)) })),
    formError: outcome.formError,
    sheetError: outcome.sheetError,
  };
}
