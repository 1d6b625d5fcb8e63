import type { Locale } from './i18n';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    });
    dateTimeFormats.set(key, f);
  }
  return f;
}

/** A date (and time) as people of the region read it, in the region's time zone. */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale, timeZone: string): string {
  if (!value) return '';
  return formatter(locale, timeZone, true).format(new Date(value));
}

export function formatDate(value: Date | string | null | undefined, locale: Locale, timeZone: string): string {
  if (!value) return '';
  return formatter(locale, timeZone, false).format(new Date(value));
}

/**
 * The region's time zone as people say it: «московское время», "Moscow time". Russia's zones by their usual
 * names; any other zone by its IANA id (a name nobody reads wrongly, if not a pretty one).
 */
const ZONE_NAMES: Record<string, { ru: string; en: string }> = {
  'Europe/Kaliningrad': { ru: 'калининградское время', en: 'Kaliningrad time' },
  'Europe/Moscow': { ru: 'московское время', en: 'Moscow time' },
  'Europe/Simferopol': { ru: 'московское время', en: 'Moscow time' },
  'Europe/Kirov': { ru: 'московское время', en: 'Moscow time' },
  'Europe/Volgograd': { ru: 'московское время', en: 'Moscow time' },
  'Europe/Samara': { ru: 'самарское время', en: 'Samara time' },
  'Europe/Ulyanovsk': { ru: 'ульяновское время', en: 'Ulyanovsk time' },
  'Europe/Saratov': { ru: 'саратовское время', en: 'Saratov time' },
  'Europe/Astrakhan': { ru: 'астраханское время', en: 'Astrakhan time' },
  'Asia/Yekaterinburg': { ru: 'екатеринбургское время', en: 'Yekaterinburg time' },
  'Asia/Omsk': { ru: 'омское время', en: 'Omsk time' },
  'Asia/Novosibirsk': { ru: 'новосибирское время', en: 'Novosibirsk time' },
  'Asia/Barnaul': { ru: 'барнаульское время', en: 'Barnaul time' },
  'Asia/Tomsk': { ru: 'томское время', en: 'Tomsk time' },
  'Asia/Novokuznetsk': { ru: 'новокузнецкое время', en: 'Novokuznetsk time' },
  'Asia/Krasnoyarsk': { ru: 'красноярское время', en: 'Krasnoyarsk time' },
  'Asia/Irkutsk': { ru: 'иркутское время', en: 'Irkutsk time' },
  'Asia/Chita': { ru: 'читинское время', en: 'Chita time' },
  'Asia/Yakutsk': { ru: 'якутское время', en: 'Yakutsk time' },
  'Asia/Vladivostok': { ru: 'владивостокское время', en: 'Vladivostok time' },
  'Asia/Sakhalin': { ru: 'сахалинское время', en: 'Sakhalin time' },
  'Asia/Magadan': { ru: 'магаданское время', en: 'Magadan time' },
  'Asia/Srednekolymsk': { ru: 'среднеколымское время', en: 'Srednekolymsk time' },
  'Asia/Kamchatka': { ru: 'камчатское время', en: 'Kamchatka time' },
  'Asia/Anadyr': { ru: 'анадырское время', en: 'Anadyr time' },
};

export function zoneName(timeZone: string, locale: Locale): string {
  return ZONE_NAMES[timeZone]?.[locale] ?? timeZone;
}
