import { z } from 'zod';
import { fields } from '../web/forms';
import { documents, integer } from '../cycles/cycle-forms';
import { DOCUMENT_KINDS } from '../cycles/category.entity';
import { LANGUAGE_LEVELS, PLACE_METHODS, TRACK_FORMATS, type Track } from './track.entity';

/** A calendar day as a date input sends it (YYYY-MM-DD), and a real one (no 31 February). */
const day = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'programmes.validation.date');

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'programmes.validation.choose' });

export const trackSchema = z
  .object({
    name: fields.requiredText(200),
    description: fields.optionalText(5000),
    hostInstitution: fields.requiredText(300),
    city: fields.requiredText(120),
    country: fields.requiredText(120),
    startDate: day,
    endDate: day,
    academicHours: integer(1, 5000).pipe(z.number()),
    format: choice(TRACK_FORMATS),
    places: integer(1, 10000).pipe(z.number()),
    quotaPerMunicipality: integer(1, 10000, null),
    minYearsPractice: integer(0, 70, 0).pipe(z.number()),
    specialty: fields.optionalText(200),
    language: fields.optionalText(100),
    // «none» is the blank option of the level select
    languageLevel: z.preprocess((v) => (v === '' || v === undefined ? null : v), choice(LANGUAGE_LEVELS).nullable()),
    requiredDocuments: documents,
    placeMethod: choice(PLACE_METHODS),
  })
  .superRefine((t, ctx) => {
    if (t.endDate < t.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'programmes.validation.endBeforeStart' });
    // a level of no language asks nothing an applicant could show
    if (t.languageLevel && !t.language) ctx.addIssue({ code: 'custom', path: ['language'], message: 'programmes.validation.languageForLevel' });
    if (t.quotaPerMunicipality !== null && t.quotaPerMunicipality > t.places) ctx.addIssue({ code: 'custom', path: ['quotaPerMunicipality'], message: 'programmes.validation.quotaOverPlaces' });
  });

export type TrackInput = z.infer<typeof trackSchema>;

/** A new track's form: taught on site, by selection, no language asked. */
export const newTrackValues = (): Record<string, unknown> => ({ format: 'in_person', placeMethod: 'competitive', minYearsPractice: 0, requiredDocuments: [] });

export function trackFormValues(t: Track): Record<string, unknown> {
  return {
    name: t.name, description: t.description, hostInstitution: t.hostInstitution, city: t.city, country: t.country,
    startDate: t.startDate, endDate: t.endDate, academicHours: t.academicHours, format: t.format, places: t.places,
    quotaPerMunicipality: t.quotaPerMunicipality ?? '', minYearsPractice: t.minYearsPractice, specialty: t.specialty,
    language: t.language, languageLevel: t.languageLevel ?? '', requiredDocuments: t.requiredDocuments, placeMethod: t.placeMethod,
  };
}

/** The selects and checkboxes of the track form, with what was chosen (a lone checkbox arrives as a string). */
export function trackChoices(values: Record<string, unknown>) {
  const ticked = Array.isArray(values.requiredDocuments) ? values.requiredDocuments.map(String) : typeof values.requiredDocuments === 'string' ? [values.requiredDocuments] : [];
  return {
    formats: TRACK_FORMATS.map((f) => ({ value: f, labelKey: `programmes.formats.${f}`, selected: values.format === f })),
    placeMethods: PLACE_METHODS.map((p) => ({ value: p, labelKey: `programmes.placeMethods.${p}`, hintKey: `programmes.placeMethods.hint.${p}`, checked: values.placeMethod === p })),
    levels: LANGUAGE_LEVELS.map((l) => ({ value: l, selected: values.languageLevel === l })),
    documents: DOCUMENT_KINDS.map((kind) => ({ kind, labelKey: `cycles.documentKinds.${kind}`, checked: ticked.includes(kind) })),
  };
}
