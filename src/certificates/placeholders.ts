import type { CertificateKind } from './certificate.entity';

/**
 * The fixed list of placeholders a certificate template may use, per kind of certificate. A template is
 * data: text with these names in braces, filled by one pass over the template. Nothing else is ever
 * interpreted, so the admin cannot write anything that runs.
 */
const COMMON = ['holder.fullName', 'cycle.name', 'cycle.year', 'issuedAt', 'number'] as const;
const SIGNATORIES = [1, 2, 3].flatMap((i) => [`signatory${i}.name`, `signatory${i}.title`]);
/** a participant of a programme's track and the track (certificates of completion) */
const COMPLETION = [
  'participant.lastName', 'participant.firstName', 'participant.patronymic', 'participant.position', 'participant.institution', 'participant.municipality', 'participant.passed',
  'track.name', 'track.host', 'track.city', 'track.country', 'track.startDate', 'track.endDate', 'track.period', 'track.hours', 'hours', 'hours.text',
] as const;
const NOMINEE = ['nominee.fullName', 'nominee.lastName', 'nominee.firstName', 'nominee.patronymic', 'nominee.position', 'nominee.institution', 'nominee.municipality', 'category.name'] as const;

export const PLACEHOLDERS: Record<CertificateKind, readonly string[]> = {
  winner: [...NOMINEE, 'place', 'place.roman', ...COMMON, ...SIGNATORIES],
  nominee: [...NOMINEE, ...COMMON, ...SIGNATORIES],
  juror: ['juror.fullName', 'juror.institution', ...COMMON, ...SIGNATORIES],
  completion: [...COMPLETION, ...COMMON, ...SIGNATORIES],
};

/** The placeholders that stand for the holder's name; a body line holding only one of them is the big name line. */
export const NAME_PLACEHOLDERS = ['{holder.fullName}', '{nominee.fullName}', '{juror.fullName}'];

/** A well-formed placeholder: {name} or {name.part}, letters and digits. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)\}/g;
/** Anything in braces on one line: what the admin may have meant as a placeholder. */
const BRACED = /\{([^{}\r\n]{0,80})\}/g;

/**
 * Fills the placeholders of `template` in a single left-to-right pass. A value is inserted as it is and
 * never scanned again, so a nominee called «{cycle.name}» is printed as those very characters. A name
 * without a value stays as written.
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole));
}

/** The braced names in `text` that are not placeholders of this kind, each once, in order of appearance. */
export function unknownPlaceholders(text: string, kind: CertificateKind): string[] {
  const known = new Set(PLACEHOLDERS[kind]);
  const unknown: string[] = [];
  for (const m of text.matchAll(BRACED)) {
    if (!known.has(m[1]) && !unknown.includes(m[0])) unknown.push(m[0]);
  }
  return unknown;
}

/** 1 → I, 4 → IV, 9 → IX: places are printed in Roman numerals on Russian diplomas. */
export function roman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) return String(n);
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [value, letters] of table) for (; n >= value; n -= value) out += letters;
  return out;
}
