import { z } from 'zod';
import { fields, type FieldErrors } from '../web/forms';
import type { Translator } from '../web/i18n';
import { fromLocalInput, toLocalInput } from '../web/zoned-time';
import { REQUIRABLE_DOCUMENT_KINDS, type DocumentKind } from './category.entity';
import { CYCLE_KINDS, RANKING_SCOPES, type Cycle, type CycleKind } from './cycle.entity';
import type { Category } from './category.entity';
import type { CycleProblem, CycleProblems } from './cycles';
import type { CategoryProblems } from './categories';
import { PHASE_DATE_FIELDS, phaseDateProblems, type PhaseDates } from './phase-dates';
import { windowLegendKey, windowsOf } from './phases';
import { formatReminderDays, parseReminderDays, REMINDER_DAYS } from '../mail/reminders/schedule';

/** A whole number typed into a form; `blank` is what an empty field means (undefined: required). */
export function integer(min: number, max: number, blank?: number | null) {
  return z.preprocess(
    (v) => {
      if (v === undefined || (typeof v === 'string' && v.trim() === '')) return blank;
      return typeof v === 'string' && /^\s*-?\d{1,9}\s*$/.test(v) ? Number(v) : NaN;
    },
    z
      .number({ error: (issue) => (issue.input === undefined ? 'validation.required' : 'cycles.validation.wholeNumber') })
      .min(min, `cycles.validation.atLeast|min=${min}`)
      .max(max, `cycles.validation.atMost|max=${max}`)
      .nullable(),
  );
}

/** A datetime-local value read on the region's clocks; blank is "not set yet". */
const zonedDateTime = (timeZone: string) =>
  z
    .string({ error: 'validation.invalid' })
    .optional()
    .transform((value, ctx) => {
      const at = fromLocalInput(value, timeZone);
      if (at === undefined) {
        ctx.addIssue({ code: 'custom', message: 'cycles.validation.dateTime' });
        return z.NEVER;
      }
      return at;
    });

/** Days before a deadline that reminders go («3, 1»); blank: none; a form without the field keeps the defaults. */
const reminderDays = z
  .string({ error: 'reminders.validation.days' })
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return [...REMINDER_DAYS.defaults];
    const days = parseReminderDays(value);
    if (!days) {
      ctx.addIssue({ code: 'custom', message: 'reminders.validation.days' });
      return z.NEVER;
    }
    return days;
  });

export function cycleSchema(timeZone: string) {
  const when = zonedDateTime(timeZone);
  return z.object({
    name: fields.requiredText(200),
    slug: fields.requiredText(80).regex(/^[a-z0-9-]+$/, 'cycles.validation.slug'),
    code: fields.requiredText(10).regex(/^[A-Z]{2,10}$/, 'cycles.validation.code'),
    year: integer(2000, 2100).pipe(z.number()),
    description: fields.optionalText(5000),
    nominationsStart: when,
    nominationsEnd: when,
    screeningStart: when,
    screeningEnd: when,
    judgingStart: when,
    judgingEnd: when,
    deliberationStart: when,
    deliberationEnd: when,
    nominationsReminderDays: reminderDays,
    judgingReminderDays: reminderDays,
    // read on creation only (the new cycle's form); absent: an award
    kind: z.enum(CYCLE_KINDS, { error: 'validation.invalid' }).optional(),
    // a programme's rankings (src/programmes/selection.ts); kept only while the programme is a draft
    rankingScope: z.enum(RANKING_SCOPES, { error: 'validation.invalid' }).optional(),
  });
}

/** A new cycle's form starts with the default reminder days filled in. */
export const reminderFormDefaults = () => ({ nominationsReminderDays: formatReminderDays(REMINDER_DAYS.defaults), judgingReminderDays: formatReminderDays(REMINDER_DAYS.defaults) });

export const versionSchema = z.object({ version: fields.id() });

/** The required documents ticked on a form (categories, and a programme's tracks). */
export const documents = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()).refine((list) => list.every((k) => (REQUIRABLE_DOCUMENT_KINDS as readonly string[]).includes(k)), 'validation.invalid'),
).transform((list) => [...new Set(list)] as DocumentKind[]);

export const categorySchema = z.object({
  name: fields.requiredText(200),
  description: fields.optionalText(5000),
  maxWinners: integer(1, 1000).pipe(z.number()),
  quotaPerMunicipality: integer(1, 1000, null),
  minYearsPractice: integer(0, 70, 0).pipe(z.number()),
  pastWinnersExcludedYears: integer(0, 100, 0).pipe(z.number()),
  requiredDocuments: documents,
});

/** The form's values for an existing cycle: dates as the region's wall time. */
export function cycleFormValues(cycle: Cycle, timeZone: string): Record<string, unknown> {
  const dates = Object.fromEntries(PHASE_DATE_FIELDS.map((f) => [f, toLocalInput(cycle[f], timeZone)]));
  const reminders = { nominationsReminderDays: formatReminderDays(cycle.nominationsReminderDays), judgingReminderDays: formatReminderDays(cycle.judgingReminderDays) };
  return { name: cycle.name, slug: cycle.slug, code: cycle.code, year: cycle.year, description: cycle.description, version: cycle.version, rankingScope: cycle.rankingScope, ...dates, ...reminders };
}

export function categoryFormValues(c: Category): Record<string, unknown> {
  return {
    name: c.name, description: c.description, maxWinners: c.maxWinners, quotaPerMunicipality: c.quotaPerMunicipality ?? '',
    minYearsPractice: c.minYearsPractice, pastWinnersExcludedYears: c.pastWinnersExcludedYears, requiredDocuments: c.requiredDocuments,
  };
}

/** The phase windows of the kind as the form draws them: one fieldset per phase, start and end with their errors. */
export function phaseFieldsView(values: Record<string, unknown>, errors: FieldErrors = {}, kind: CycleKind = 'award') {
  const labels = kind === 'programme' ? 'programmes.fields' : 'cycles.fields';
  const field = (name: string) => ({ name, labelKey: `${labels}.${name}`, value: values[name] ?? '', error: errors[name] });
  return windowsOf(kind).map((w) => ({ legendKey: windowLegendKey(kind, w.phase), fields: [field(w.start), field(w.end)] }));
}

/** The kinds of cycle offered on the new cycle's form, the chosen one ticked (an award unless chosen). */
export const kindChoices = (chosen: unknown) =>
  CYCLE_KINDS.map((kind) => ({ kind, labelKey: `programmes.kinds.${kind}`, hintKey: `programmes.kinds.hint.${kind}`, checked: (chosen ?? 'award') === kind }));

/** The checkboxes of required documents, ticked as submitted (a lone value arrives as a string). */
export function documentChoices(selected: unknown) {
  const list = Array.isArray(selected) ? selected.map(String) : typeof selected === 'string' ? [selected] : [];
  return REQUIRABLE_DOCUMENT_KINDS.map((kind) => ({ kind, labelKey: `cycles.documentKinds.${kind}`, checked: list.includes(kind) }));
}

export function cycleProblemMessages(t: Translator, problems: CycleProblems): FieldErrors {
  const paramsOf = (p: CycleProblem) => ('previous' in p ? { previous: t(`cycles.fields.${p.previous}`) } : 'params' in p ? p.params : {});
  return Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, t(p!.key, paramsOf(p!))]));
}

/**
 * A form that fails its field checks is shown with the order of its phase dates checked too, so the
 * admin sees every problem at once rather than one round after another (a field's own error wins).
 */
export function cycleFormErrors(t: Translator, timeZone: string, values: unknown, fieldErrors: FieldErrors): FieldErrors {
  const mask = Object.fromEntries(PHASE_DATE_FIELDS.map((f) => [f, true])) as Record<(typeof PHASE_DATE_FIELDS)[number], true>;
  const dates = cycleSchema(timeZone).pick(mask).safeParse(values);
  const order = dates.success ? cycleProblemMessages(t, phaseDateProblems(dates.data as PhaseDates)) : {};
  return { ...order, ...fieldErrors };
}

export function categoryProblemMessages(t: Translator, problems: CategoryProblems): FieldErrors {
  return Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, t(`cycles.categories.problem.${p}`)]));
}
