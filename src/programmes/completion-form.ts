import { z } from 'zod';
import type { Translator } from '../web/i18n';
import { fields, parseForm, type FieldErrors } from '../web/forms';
import type { OutcomeMark } from './completion';

/**
 * The completion form: one row per participant (fields `outcome_<id>`, `hours_<id>`, `reason_<id>`), a row left
 * at «—» is not marked. Completing needs the hours attended (whole, 1..the track's hours); not completing needs
 * a reason. Every row is checked, so the page shows each mistake next to its field with everything typed kept.
 */

export const REASON_MAX = 1000;

export interface RowValues {
  outcome: string;
  hours: string;
  reason: string;
}

const rowSchema = (maxHours: number) =>
  z
    .object({
      outcome: z.enum(['', 'complete', 'fail'], { error: 'validation.invalid' }).optional().default(''),
      hours: z.string().trim().max(10, 'validation.invalid').optional().default(''),
      reason: fields.optionalText(REASON_MAX),
    })
    .superRefine((v, ctx) => {
      if (v.outcome === 'complete') {
        const n = /^\d+$/.test(v.hours) ? Number(v.hours) : NaN;
        if (!(n >= 1 && n <= maxHours)) ctx.addIssue({ code: 'custom', path: ['hours'], message: `programmeCompletion.errors.hours|max=${maxHours}` });
      }
      if (v.outcome === 'fail' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'programmeCompletion.errors.reasonRequired' });
    });

const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

export type OutcomeForm = { ok: true; marks: OutcomeMark[]; values: Record<number, RowValues> } | { ok: false; errors: FieldErrors; values: Record<number, RowValues> };

/**
 * The rows of the participants the page listed (ids from the database, never from the form). `single`: the
 * per-row correction, whose fields have no id suffix and which must choose an outcome.
 */
export function parseOutcomes(body: Record<string, unknown>, ids: number[], maxHours: number, t: Translator, single = false): OutcomeForm {
  const marks: OutcomeMark[] = [];
  const errors: FieldErrors = {};
  const values: Record<number, RowValues> = {};
  for (const id of ids) {
    const name = (field: string) => (single ? field : `${field}_${id}`);
    const raw = { outcome: text(body[name('outcome')]), hours: text(body[name('hours')]), reason: text(body[name('reason')]) };
    values[id] = raw;
    const parsed = parseForm(rowSchema(maxHours), raw, t);
    if (!parsed.ok) {
      for (const [field, message] of Object.entries(parsed.errors)) errors[`${field}_${id}`] = message;
      continue;
    }
    const v = parsed.data;
    if (!v.outcome) {
      if (single) errors[`outcome_${id}`] = t('programmeCompletion.errors.outcomeRequired');
      continue;
    }
    marks.push({ participantId: id, move: v.outcome, hours: v.outcome === 'complete' ? Number(v.hours) : null, reason: v.reason || null });
  }
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return { ok: true, marks, values };
}
