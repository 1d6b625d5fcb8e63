import { z } from 'zod';
import { fields, type FieldErrors } from '../web/forms';
import type { Translator } from '../web/i18n';
import { DOCUMENT_KINDS } from '../cycles/category.entity';
import { PUBLIC_FIELDS, type PublicField } from '../consent/public-fields';
import type { NominationInput, NomineeFields } from './drafts';
import type { Problems } from './rules';
import { TEXT_LIMITS } from './rules';
import { MAX_FILES_PER_NOMINATION } from './uploads';
import { declaredFromForm } from '../programmes/application-languages';

/**
 * The nomination form ↔ the domain's NominationInput. Field names are the keys the domain uses for
 * its problems (`nominee.lastName`, `categoryId`, `documents`, …), so a problem lands next to its field.
 * A draft may leave anything blank; only shapes and lengths are checked here — completeness and
 * eligibility are the domain's rules at submission.
 */

export const NOMINEE_KEYS = ['lastName', 'firstName', 'patronymic', 'position', 'institution', 'specialty', 'yearsOfPractice', 'phone', 'email'] as const;
export type NomineeKey = (typeof NOMINEE_KEYS)[number];

/**
 * Rows of the upload block: each row is a document kind and one or more files of that kind. The last two rows
 * are the signed consents, shown with the consent boxes, their kinds fixed.
 */
export const UPLOAD_SLOTS = [0, 1, 2, 3, 4] as const;
export const DOCUMENT_SLOTS = [0, 1, 2] as const;
export const CONSENT_SLOTS = { processing: 3, publication: 4 } as const;
export const fileField = (slot: number) => `files${slot}`;
export const kindField = (slot: number) => `kind${slot}`;
/** the kind each upload row starts with, so the usual three documents need no choosing */
export const DEFAULT_SLOT_KINDS = ['recommendation', 'cv', 'diploma', 'consent_processing', 'consent_publication'] as const;

export const FIELD_LIMITS = { name: 100, line: 300, phone: 50, email: 254, maxYears: 70 } as const;

const blankToEmpty = (v: unknown) => (v === undefined || v === null ? '' : v);
const line = (max: number) => z.preprocess(blankToEmpty, z.string({ error: 'validation.invalid' }).trim().max(max, `validation.tooLong|max=${max}`));
// Browsers send a textarea's line breaks as CRLF but count them as one character against maxlength.
const longText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : blankToEmpty(v)), z.string({ error: 'validation.invalid' }).trim().max(max, `validation.tooLong|max=${max}`));
const years = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v),
  z.coerce.number({ error: 'officer.form.yearsInvalid' }).int('officer.form.yearsInvalid').min(0, 'officer.form.yearsInvalid').max(FIELD_LIMITS.maxYears, 'officer.form.yearsInvalid').nullable(),
);
const email = line(FIELD_LIMITS.email).refine((v) => v === '' || z.string().email().safeParse(v).success, 'validation.email');
const kind = z.preprocess((v) => (v === undefined || v === '' ? 'other' : v), z.enum(DOCUMENT_KINDS, { error: 'validation.invalid' }));
const publication = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(PUBLIC_FIELDS, { error: 'validation.invalid' })).max(PUBLIC_FIELDS.length, 'validation.invalid'));
const idList = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(fields.id()).max(MAX_FILES_PER_NOMINATION, 'validation.invalid'));

export const nominationFormSchema = z.object({
  categoryId: fields.optionalId(),
  nomineeId: fields.optionalId(),
  version: fields.optionalId(),
  action: z.enum(['save', 'submit']).catch('save'),
  'nominee.lastName': line(FIELD_LIMITS.name),
  'nominee.firstName': line(FIELD_LIMITS.name),
  'nominee.patronymic': line(FIELD_LIMITS.name),
  'nominee.position': line(FIELD_LIMITS.line),
  'nominee.institution': line(FIELD_LIMITS.line),
  'nominee.specialty': line(FIELD_LIMITS.line),
  'nominee.yearsOfPractice': years,
  'nominee.phone': line(FIELD_LIMITS.phone),
  'nominee.email': email,
  achievements: longText(TEXT_LIMITS.achievements),
  motivation: longText(TEXT_LIMITS.motivation),
  removeIds: idList,
  kind0: kind,
  kind1: kind,
  kind2: kind,
  kind3: kind,
  kind4: kind,
  /** the data the nominee allows to be published (the consent to publication's «да» boxes) */
  publication,
  // a programme's application (src/programmes/applications.ts): ranked tracks and declared language levels
  pref1: fields.optionalId(),
  pref2: fields.optionalId(),
  pref3: fields.optionalId(),
  languages: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(300, 'validation.invalid')).max(20, 'validation.invalid')),
});
export type NominationForm = z.infer<typeof nominationFormSchema>;

export function inputFromForm(f: NominationForm): NominationInput {
  const nominee: NomineeFields = {
    lastName: f['nominee.lastName'], firstName: f['nominee.firstName'], patronymic: f['nominee.patronymic'],
    position: f['nominee.position'], institution: f['nominee.institution'], specialty: f['nominee.specialty'],
    yearsOfPractice: f['nominee.yearsOfPractice'], phone: f['nominee.phone'], email: f['nominee.email'],
  };
  return {
    categoryId: f.categoryId ?? null, nomineeId: f.nomineeId ?? null, nominee, achievements: f.achievements, motivation: f.motivation,
    publication: PUBLIC_FIELDS.filter((p) => f.publication.includes(p)),
    programme: { preferences: [f.pref1 ?? null, f.pref2 ?? null, f.pref3 ?? null], languages: declaredFromForm(f.languages) },
  };
}

export const slotKinds = (f: Pick<NominationForm, 'kind0' | 'kind1' | 'kind2' | 'kind3' | 'kind4'>): string[] => [f.kind0, f.kind1, f.kind2, f.kind3, f.kind4];

/** What the form shows: strings exactly as typed (or as stored), nested for the template. */
export interface FormValues {
  categoryId: string;
  nomineeId: string;
  version: string;
  nominee: Record<NomineeKey, string>;
  achievements: string;
  motivation: string;
  removeIds: string[];
  kinds: string[];
  /** the public fields ticked */
  publication: string[];
  /** a programme's application: the chosen track ids, «1-й», «2-й», «3-й» выбор */
  preferences: string[];
  /** a programme's application: the language selects, each «language|level» */
  languages: string[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The submitted body as typed, for showing the form again after a refusal (nothing is lost). */
export function valuesFromBody(body: Record<string, unknown> | undefined, fallback: Partial<FormValues> = {}): FormValues {
  const b = body ?? {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(b, k);
  const list = (v: unknown) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(str));
  const removeIds = list(b.removeIds);
  return {
    categoryId: has('categoryId') ? str(b.categoryId) : (fallback.categoryId ?? ''),
    nomineeId: has('nomineeId') ? str(b.nomineeId) : (fallback.nomineeId ?? ''),
    version: has('version') ? str(b.version) : (fallback.version ?? ''),
    nominee: Object.fromEntries(NOMINEE_KEYS.map((k) => [k, has(`nominee.${k}`) ? str(b[`nominee.${k}`]) : (fallback.nominee?.[k] ?? '')])) as Record<NomineeKey, string>,
    achievements: has('achievements') ? str(b.achievements) : (fallback.achievements ?? ''),
    motivation: has('motivation') ? str(b.motivation) : (fallback.motivation ?? ''),
    removeIds,
    kinds: UPLOAD_SLOTS.map((s) => (has(kindField(s)) ? str(b[kindField(s)]) : DEFAULT_SLOT_KINDS[s])),
    // a form always sends its boxes (an unticked box sends nothing): what came is what was ticked
    publication: body ? list(b.publication) : (fallback.publication ?? []),
    preferences: ['pref1', 'pref2', 'pref3'].map((k, i) => (has(k) ? str(b[k]) : (fallback.preferences?.[i] ?? ''))),
    languages: body ? list(b.languages) : (fallback.languages ?? []),
  };
}

/** The stored nomination (or a picked nominee) as form values, with the nomination's publication consent (none for a new one). */
export function valuesFromRecord(r: {
  categoryId: number | null; nomineeId: number | null; version: number | null; achievements: string; motivation: string;
  nominee: Record<NomineeKey, string | number | null>;
  /** a programme's application: its ranked track ids and declared language levels (see src/programmes) */
  preferences?: number[]; languages?: string[];
}, publication: Iterable<PublicField> = []): FormValues {
  return {
    categoryId: str(r.categoryId), nomineeId: str(r.nomineeId), version: str(r.version),
    nominee: Object.fromEntries(NOMINEE_KEYS.map((k) => [k, str(r.nominee[k])])) as Record<NomineeKey, string>,
    achievements: r.achievements, motivation: r.motivation, removeIds: [], kinds: [...DEFAULT_SLOT_KINDS], publication: [...publication],
    preferences: [0, 1, 2].map((i) => str(r.preferences?.[i])), languages: r.languages ?? [],
  };
}

/** The domain's submission problems as messages in the person's language, keyed by field. */
export function problemErrors(problems: Problems, t: Translator): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, p] of Object.entries(problems)) {
    const params: Record<string, unknown> = { ...p.params };
    if (Array.isArray(params.kinds)) params.kinds = params.kinds.map((k) => t(`nominations.documentKinds.${String(k)}`)).join(', ');
    out[field] = t(p.key, params);
  }
  return out;
}

/** { 'nominee.lastName': x } → { nominee: { lastName: x } }, so templates read errors.nominee.lastName. */
export function nest(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}
