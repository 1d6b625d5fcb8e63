import { z } from 'zod';
import { fields, parseForm, type FieldErrors } from '../web/forms';
import type { Translator } from '../web/i18n';
import type { Criterion } from './criterion.entity';
import type { CriterionInput } from './criteria';
import { formatRubric, parseRubric } from './rubric';

const SCALE_LIMIT = 1000;
/** A scale wider than this would make radio rows and rubrics unreadable; 0–100 is the widest sensible one. */
const SCALE_WIDTH = 100;

const integer = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d{1,7}\s*$/.test(v) ? Number(v) : v === undefined || (typeof v === 'string' && !v.trim()) ? undefined : NaN),
    z
      .number({ error: (issue) => (issue.input === undefined ? 'validation.required' : 'juryAdmin.criteria.validation.wholeNumber') })
      .min(min, `juryAdmin.criteria.validation.atLeast|min=${min}`)
      .max(max, `juryAdmin.criteria.validation.atMost|max=${max}`),
  );

// «0,5» as typed on a Russian keyboard is as good as «0.5».
const weight = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() ? (/^\s*\d{1,4}([.,]\d{1,4})?\s*$/.test(v) ? Number(v.trim().replace(',', '.')) : NaN) : undefined),
  z
    .number({ error: (issue) => (issue.input === undefined ? 'validation.required' : 'juryAdmin.criteria.validation.weight') })
    .gt(0, 'juryAdmin.criteria.validation.weight')
    .max(1000, 'juryAdmin.criteria.validation.atMost|max=1000'),
);

const schema = z
  .object({
    name: fields.requiredText(200),
    description: fields.optionalText(2000),
    weight,
    scaleMin: integer(-SCALE_LIMIT, SCALE_LIMIT),
    scaleMax: integer(-SCALE_LIMIT, SCALE_LIMIT),
    rubric: z.string({ error: 'juryAdmin.rubric.empty' }).max(10_000, 'validation.tooLong|max=10000'),
  })
  .superRefine((v, ctx) => {
    if (v.scaleMin >= v.scaleMax) ctx.addIssue({ code: 'custom', path: ['scaleMax'], message: 'juryAdmin.criteria.validation.scaleOrder' });
    else if (v.scaleMax - v.scaleMin > SCALE_WIDTH) ctx.addIssue({ code: 'custom', path: ['scaleMax'], message: `juryAdmin.criteria.validation.scaleWide|max=${SCALE_WIDTH}` });
  });

export type CriterionForm = { ok: true; input: CriterionInput } | { ok: false; errors: FieldErrors };

/** Reads the criterion form: fields by zod, then the rubric against the scale just read. */
export function readCriterionForm(body: unknown, t: Translator): CriterionForm {
  const form = parseForm(schema, body, t);
  if (!form.ok) return form;
  const rubric = parseRubric(form.data.rubric, form.data.scaleMin, form.data.scaleMax);
  if (!rubric.ok) return { ok: false, errors: { rubric: t(rubric.problem.key, rubric.problem.params) } };
  const { rubric: _text, ...rest } = form.data;
  return { ok: true, input: { ...rest, rubric: rubric.bands } };
}

/** The form's values for an existing criterion. */
export function criterionFormValues(c: Criterion): Record<string, unknown> {
  return { name: c.name, description: c.description, weight: String(c.weight), scaleMin: c.scaleMin, scaleMax: c.scaleMax, rubric: formatRubric(c.rubric) };
}
