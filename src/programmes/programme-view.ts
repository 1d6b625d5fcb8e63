import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import { manualTransitionFrom, phaseKeys, windowLegendKey, windowsOf } from '../cycles/phases';
import { formatReminderDays } from '../mail/reminders/schedule';
import { mayChangeTracks } from './track-rules';
import { listTracks } from './tracks-query';
import { trackView } from './track-view';
import { publicProgrammePath } from './public-programme';
import { placeCountsOf } from './participant-counts';
import { selectionSection } from './selection-view';
import { mayReadAllocation } from './allocation-rules';

/** What the admin's page of a programme shows: its phase and dates, the next move, its tracks with places. */
export async function programmePageView(m: EntityManager, cycle: Cycle) {
  const tracks = await listTracks(m, cycle.id);
  const counts = await placeCountsOf(m, cycle.id);
  const next = manualTransitionFrom(cycle.status, 'programme');
  const canChange = mayChangeTracks(cycle.status);
  return {
    cycle,
    statusKey: phaseKeys('programme', cycle.status).label,
    windows: windowsOf('programme').map((w) => ({ legendKey: windowLegendKey('programme', w.phase), start: cycle[w.start], end: cycle[w.end] })),
    reminderDays: { nominations: formatReminderDays(cycle.nominationsReminderDays), judging: formatReminderDays(cycle.judgingReminderDays) },
    next: next ? { to: next.to, actionKey: phaseKeys('programme', next.to).action } : null,
    canChangeTracks: canChange,
    // the public page exists only while applications are open
    publicHref: cycle.status === 'nominations_open' ? publicProgrammePath(cycle.slug) : null,
    // the allocation page opens with the phase «распределение мест» (allocation-rules.ts)
    allocationHref: mayReadAllocation(cycle.status) ? `/admin/cycles/${cycle.id}/allocation` : null,
    selection: await selectionSection(m, cycle),
    totalPlaces: tracks.reduce((sum, t) => sum + t.places, 0),
    tracks: tracks.map((t) => ({ ...trackView(t), applications: t.applications, counts: counts.get(t.id), canEdit: canChange, canDelete: canChange && t.applications === 0 })),
  };
}
