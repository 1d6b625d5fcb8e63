import type { EntityManager } from 'typeorm';
import type { Translator } from '../web/i18n';
import { REGISTRATION_GROUPS, REGISTRATION_STATUSES, type RegistrationStatus } from './registration-statuses';
import { eventFigures, totalOf, type Dimension, type FigureRow } from './event-figures';

/** The figures page's view model: three tables of labelled rows of numbers, the same columns in each. */

type Column = { status: RegistrationStatus } | { checkedIn: true } | { total: true };

/**
 * What an organiser reads first: all, those with a place and how many of them came, the waiting list; then the
 * statuses that do not count (cancelled, unconfirmed, invitations not yet answered).
 */
const seated: readonly RegistrationStatus[] = REGISTRATION_GROUPS.seated;
const waiting: readonly RegistrationStatus[] = REGISTRATION_GROUPS.waitingList;
const COLUMNS: Column[] = [
  { total: true },
  ...seated.map((status) => ({ status })),
  { checkedIn: true },
  ...waiting.map((status) => ({ status })),
  ...REGISTRATION_STATUSES.filter((s) => !seated.includes(s) && !waiting.includes(s)).map((status) => ({ status })),
];

const cellsOf = (r: Omit<FigureRow, 'key'>) => COLUMNS.map((c) => ('total' in c ? r.total : 'checkedIn' in c ? r.checkedIn : r.byStatus[c.status]));

export async function figuresView(m: EntityManager, eventId: number, t: Translator) {
  const figures = await eventFigures(m, eventId);
  const columns = COLUMNS.map((c) => t('total' in c ? 'eventsAfter.figures.total' : 'checkedIn' in c ? 'eventsAfter.figures.checkedIn' : `eventsAfter.figures.status.${c.status}`));
  const label = (d: Dimension, key: string) => (!key ? t('eventsAfter.figures.unknown') : d === 'type' ? t(`eventsAfter.types.${key}`) : key);
  const table = (d: Dimension) => ({
    id: `figures-${d}`,
    heading: t(`eventsAfter.figures.${d === 'type' ? 'byType' : d === 'region' ? 'byRegion' : 'byMunicipality'}`),
    keyHeading: t(`eventsAfter.figures.${d}`),
    rows: figures[d].map((r) => ({ label: label(d, r.key), unnamed: !r.key, cells: cellsOf(r) })),
    sum: cellsOf(totalOf(figures[d])),
  });
  return { columns, empty: !figures.type.length, tables: (['type', 'region', 'municipality'] as const).map(table) };
}
