/**
 * The values a certificate of completion prints, in Russian: the certificate is a Russian document whatever
 * language its holder reads the site in. Pure, so the sample and the tests use the same wording.
 */

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** A calendar day as the track stores it ('2027-03-01'): no time of day, no zone. */
function parts(day: string): { d: number; m: number; y: number } {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return { d, m, y };
}

/** «1 марта 2027 г.» */
export function russianDate(day: string): string {
  const { d, m, y } = parts(day);
  return `${d} ${MONTHS[m - 1]} ${y} г.`;
}

/** «с 1 по 26 марта 2027 г.», «с 22 февраля по 19 марта 2027 г.», «с 28 декабря 2026 г. по 22 января 2027 г.», «1 марта 2027 г.» */
export function russianPeriod(start: string, end: string): string {
  const a = parts(start);
  const b = parts(end);
  if (a.y === b.y && a.m === b.m && a.d === b.d) return russianDate(start);
  if (a.y === b.y && a.m === b.m) return `с ${a.d} по ${b.d} ${MONTHS[b.m - 1]} ${b.y} г.`;
  if (a.y === b.y) return `с ${a.d} ${MONTHS[a.m - 1]} по ${b.d} ${MONTHS[b.m - 1]} ${b.y} г.`;
  return `с ${russianDate(start)} по ${russianDate(end)}`;
}

/** After «в объёме»: «1 академического часа», «21 академического часа», «72 академических часов». */
export function academicHoursText(hours: number): string {
  const one = hours % 10 === 1 && hours % 100 !== 11;
  return `${hours} ${one ? 'академического часа' : 'академических часов'}`;
}

/**
 * «прошла» or «прошёл», told from the patronymic (-вна, -чна, -кызы / -вич, -ич, -оглы); «прошёл(а)» when
 * there is none (a foreign delegate), so the sentence is never wrong about the person.
 */
export function passedVerb(patronymic: string): string {
  const p = patronymic.trim().toLowerCase();
  if (/(вна|чна|шна|кызы|гызы)$/.test(p)) return 'прошла';
  if (/(вич|ич|оглы|улы|уулу)$/.test(p)) return 'прошёл';
  return 'прошёл(а)';
}

export interface CompletionFacts {
  lastName: string;
  firstName: string;
  patronymic: string;
  position: string;
  institution: string;
  /** the municipality, or a foreign delegation's organisation */
  origin: string;
  track: { name: string; hostInstitution: string; city: string; country: string; startDate: string; endDate: string; academicHours: number };
  hoursAttended: number;
}

export const fullNameOf = (p: Pick<CompletionFacts, 'lastName' | 'firstName' | 'patronymic'>) => [p.lastName, p.firstName, p.patronymic].map((s) => s.trim()).filter(Boolean).join(' ');

/** The placeholder values of one participant's certificate (placeholders.ts, kind completion). */
export function completionValues(f: CompletionFacts): Record<string, string> {
  return {
    'holder.fullName': fullNameOf(f),
    'participant.lastName': f.lastName,
    'participant.firstName': f.firstName,
    'participant.patronymic': f.patronymic,
    'participant.position': f.position,
    'participant.institution': f.institution,
    'participant.municipality': f.origin,
    'participant.passed': passedVerb(f.patronymic),
    'track.name': f.track.name,
    'track.host': f.track.hostInstitution,
    'track.city': f.track.city,
    'track.country': f.track.country,
    'track.startDate': russianDate(f.track.startDate),
    'track.endDate': russianDate(f.track.endDate),
    'track.period': russianPeriod(f.track.startDate, f.track.endDate),
    'track.hours': String(f.track.academicHours),
    hours: String(f.hoursAttended),
    'hours.text': academicHoursText(f.hoursAttended),
  };
}
