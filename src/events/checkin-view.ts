import type { Locale } from '../web/i18n';
import { translate } from '../web/i18n';
import type { Event } from './event.entity';
import { inkOn } from './badge-layout';
import { badgeNumber } from './badge';
import { verdictOf, type DoorPerson, type DoorVerdict, type DoorWindow } from './checkin';
import type { DoorCounters } from './checkin-counters';

/** What the door's templates show: texts and booleans, worked out here (templates never see statuses or roles). */

/** «10:42» in the region's time zone: the door speaks of today. */
export const doorTime = (d: Date, locale: Locale, timeZone: string) =>
  new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(d));

/** The icon of each answer, so it never rests on colour alone (with the heading's words). */
const ICONS: Record<DoorVerdict | 'notFound', string> = { admit: '✓', already: '↺', cancelled: '✕', waiting: '⏳', unconfirmed: '?', notFound: '✕' };
const HEADINGS: Record<DoorVerdict, string> = { admit: 'confirmed', already: 'already', cancelled: 'cancelled', waiting: 'waiting', unconfirmed: 'unconfirmed' };

export interface TypeStyle {
  label: string;
  colour: string;
  ink: string;
}

export function typeStyle(event: Pick<Event, 'participantTypes'>, type: string, locale: Locale): TypeStyle {
  const colour = event.participantTypes.find((t) => t.type === type)?.colour ?? '#6b7280';
  return { label: translate(locale, `checkin.types.${type}`), colour, ink: inkOn(colour) };
}

/**
 * A person's card at the door. `justCheckedIn`: this registrar's tap has just checked them in (the redirect after
 * it says so), so the card is the green «Приход отмечен» rather than the amber «Уже отмечен» a second tap gets.
 */
export function doorCard(event: Event, p: DoorPerson, window: DoorWindow, locale: Locale, timeZone: string, justCheckedIn = false) {
  const verdict = verdictOf(p);
  const fresh = justCheckedIn && verdict === 'already';
  const heading = translate(locale, fresh ? 'checkin.door.checkedIn' : `checkin.door.${HEADINGS[verdict]}`);
  const detail = fresh
    ? translate(locale, 'checkin.door.checkedInText', { name: `${p.lastName} ${p.firstName}`.trim(), time: doorTime(p.checkedInAt!, locale, timeZone) })
    : verdict === 'already'
      ? translate(locale, 'checkin.door.alreadyText', { time: doorTime(p.checkedInAt!, locale, timeZone), registrar: p.checkedInBy ?? translate(locale, 'checkin.door.someone') })
      : verdict === 'admit'
        ? ''
        : translate(locale, `checkin.door.${verdict}Text`);
  return {
    id: p.id,
    verdict: fresh ? 'admit' : verdict,
    icon: fresh ? ICONS.admit : ICONS[verdict],
    heading,
    detail,
    surname: p.lastName,
    givenNames: [p.firstName, p.patronymic].filter(Boolean).join(' '),
    organisation: p.organisation,
    number: badgeNumber(p.number),
    type: typeStyle(event, p.participantType, locale),
    canCheckIn: verdict === 'admit' && window === 'open',
    canPrint: verdict === 'admit' || verdict === 'already',
  };
}

/** A line of the surname search's results: the name, number and what the door would say. */
export function doorListItem(event: Event, p: DoorPerson, locale: Locale) {
  const verdict = verdictOf(p);
  return {
    id: p.id,
    name: [p.lastName, p.firstName, p.patronymic].filter(Boolean).join(' '),
    number: badgeNumber(p.number),
    organisation: p.organisation,
    verdict,
    icon: ICONS[verdict],
    statusText: translate(locale, `checkin.door.${HEADINGS[verdict]}`),
    type: typeStyle(event, p.participantType, locale),
  };
}

export const notFoundCard = (locale: Locale) => ({
  verdict: 'notFound',
  icon: ICONS.notFound,
  heading: translate(locale, 'checkin.door.notFound'),
  detail: translate(locale, 'checkin.door.notFoundText'),
});

/** The counters as shown, each type with its label's key and its badge colour (the same on the door and the admin's page). */
export function countersView(event: Pick<Event, 'participantTypes'>, c: DoorCounters) {
  return {
    ...c,
    byType: c.byType.map((row) => {
      const colour = event.participantTypes.find((t) => t.type === row.type)?.colour ?? '#6b7280';
      return { ...row, labelKey: `checkin.types.${row.type}`, colour, ink: inkOn(colour) };
    }),
  };
}
