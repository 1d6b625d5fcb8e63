import { PUBLIC_FIELDS, type PublicField } from './public-fields';

/**
 * What the public may see of a nominee: the one function every public surface goes through (the winners page,
 * its CSV and JSON, the front page, scores.json, /verify/CODE and a certificate's public PDF). It is given the
 * data and the fields the person allowed (public-fields.ts, publicFieldsOf) and keeps only those; a field not
 * allowed is null, never an empty string that a template could mistake for "nothing to say". Where nothing
 * is allowed the surface shows the place and the category with the notice (WITHHELD_KEY) in the person's place.
 */

/** A nominee's data as stored: everything a public surface could show of them. */
export interface PersonalData {
  lastName: string;
  firstName: string;
  patronymic: string;
  position: string;
  institution: string;
  municipality: string;
}

/** The same data as the public may see it. */
export interface PublicPerson {
  fullName: string | null;
  lastName: string | null;
  firstName: string | null;
  patronymic: string | null;
  position: string | null;
  institution: string | null;
  municipality: string | null;
  /** nothing of the person may be shown */
  withheld: boolean;
  /** what stands in the name's place when the name may not be shown (a message key), else null */
  noticeKey: string | null;
}

/** «данные не публикуются по решению лауреата» */
export const WITHHELD_KEY = 'consentPublic.withheld';
/** «ФИО не публикуется по решению лауреата»: some data is public, the name is not */
export const NAME_WITHHELD_KEY = 'consentPublic.nameWithheld';

export const joinName = (parts: string[]) => parts.map((s) => s.trim()).filter(Boolean).join(' ');

/** What stands in the name's place: null when the name may be shown. */
export function noticeKeyOf(allowed: ReadonlySet<PublicField>): string | null {
  if (allowed.has('fullName')) return null;
  return PUBLIC_FIELDS.some((f) => allowed.has(f)) ? NAME_WITHHELD_KEY : WITHHELD_KEY;
}

export function publicPerson(data: PersonalData, allowed: ReadonlySet<PublicField>): PublicPerson {
  const may = (f: PublicField) => allowed.has(f);
  return {
    fullName: may('fullName') ? joinName([data.lastName, data.firstName, data.patronymic]) : null,
    lastName: may('fullName') ? data.lastName : null,
    firstName: may('fullName') ? data.firstName : null,
    patronymic: may('fullName') ? data.patronymic : null,
    position: may('position') ? data.position : null,
    institution: may('institution') ? data.institution : null,
    municipality: may('municipality') ? data.municipality : null,
    withheld: !PUBLIC_FIELDS.some(may),
    noticeKey: noticeKeyOf(allowed),
  };
}

/**
 * The certificate placeholders (certificates/placeholders.ts) that print each public field. A certificate keeps
 * the values it was issued with (`printed`), so its public copy is masked by these names.
 */
const PRINTED_FIELDS: Record<PublicField, readonly string[]> = {
  // a certificate of completion names an applicant as participant.* (its nomination's consent applies)
  fullName: ['holder.fullName', 'nominee.fullName', 'nominee.lastName', 'nominee.firstName', 'nominee.patronymic', 'participant.lastName', 'participant.firstName', 'participant.patronymic'],
  position: ['nominee.position', 'participant.position'],
  institution: ['nominee.institution', 'participant.institution'],
  municipality: ['nominee.municipality', 'participant.municipality'],
};

/** The certificate's name line: a body line holding only one of these is printed as the big name (layout.ts). */
const NAME_LINES = ['{holder.fullName}', '{nominee.fullName}'];

export interface PrintedCertificate {
  holderName: string;
  printed: Record<string, string>;
}

/**
 * A nominee's certificate as the public may see it: the withheld values blanked, the holder's name replaced by
 * `notice` (the number, cycle, category, place and date stay, so it still verifies), and the template's body
 * without the withheld placeholders: a line of only withheld data is dropped, and a withheld value goes with
 * the comma after it («{nominee.position}, {nominee.institution},» → «{nominee.institution},»).
 */
export function certificateForPublic<T extends PrintedCertificate>(record: T, body: string, allowed: ReadonlySet<PublicField>, notice: string): { record: T; body: string } {
  const hidden = PUBLIC_FIELDS.filter((f) => !allowed.has(f)).flatMap((f) => PRINTED_FIELDS[f]);
  if (!hidden.length) return { record, body };
  const printed = { ...record.printed };
  for (const name of hidden) if (Object.hasOwn(printed, name)) printed[name] = '';
  const nameShown = allowed.has('fullName');
  const lines = body.split(/\r?\n/).flatMap((line) => {
    if (NAME_LINES.includes(line.trim())) return [line];
    let out = line;
    for (const name of hidden) out = out.split(`{${name}}`).join('\u0000');
    if (!out.includes('\u0000')) return [line];
    out = out.replace(/\u0000[ \t]*[,;]?[ \t]*/g, '').replace(/[ \t]{2,}/g, ' ').trim();
    // what is left of a line whose every value was withheld is punctuation at most
    return /[\p{L}\p{N}{]/u.test(out) ? [out] : [];
  });
  return { record: { ...record, printed, holderName: nameShown ? record.holderName : notice }, body: lines.join('\n') };
}
