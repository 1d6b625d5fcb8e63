import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { Translator } from './i18n';
import { HttpError } from './http-error';

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Validates a submitted form with a zod schema whose messages are catalog keys
 * (e.g. 'validation.required'); returns the first message per field, translated.
 */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown, t: Translator): FormResult<z.infer<S>> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '_form';
    if (errors[field]) continue;
    const [key, ...rest] = issue.message.split('|');
    const params = Object.fromEntries(rest.map((p) => p.split('=') as [string, string]));
    errors[field] = key.includes('.') ? t(key, params) : t('validation.invalid');
  }
  return { ok: false, errors };
}

/** Common field shapes; form values arrive as strings (or arrays of strings). */
export const fields = {
  requiredText: (max = 500) => z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(max, `validation.tooLong|max=${max}`),
  optionalText: (max = 500) => z.string().trim().max(max, `validation.tooLong|max=${max}`).optional().default(''),
  email: () => z.string({ error: 'validation.required' }).trim().toLowerCase().min(1, 'validation.required').max(254, 'validation.email').email('validation.email'),
  id: () => z.coerce.number({ error: 'validation.invalid' }).int('validation.invalid').positive('validation.invalid').max(2_147_483_647, 'validation.invalid'),
  optionalId: () =>
    z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : v), z.coerce.number().int('validation.invalid').positive('validation.invalid').max(2_147_483_647, 'validation.invalid').optional()),
};

/** A route parameter that must be a positive integer id; anything else is "not found". */
export function parseId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const n = Number(value);
  return n <= 2_147_483_647 ? n : null;
}

/**
 * A JSON body is read like a form: each value a string or a list of strings (numbers and booleans become
 * their text). Anything a form cannot send — nested objects, nulls, a top-level list — is refused with 400,
 * so no handler ever meets a value whose shape (or `toString`) it did not expect.
 */
export function jsonAsForm(req: Request, _res: Response, next: NextFunction): void {
  if (!req.is('application/json') || req.body === undefined) return next();
  const scalar = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
  const body = req.body as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return next(new HttpError(400, 'errors.badRequest'));
  const entries: Array<[string, string | string[]]> = [];
  for (const [key, value] of Object.entries(body)) {
    const list = Array.isArray(value) ? value.map(scalar) : [scalar(value)];
    if (list.some((x) => x === undefined)) return next(new HttpError(400, 'errors.badRequest'));
    entries.push([key, Array.isArray(value) ? (list as string[]) : list[0]!]);
  }
  req.body = Object.fromEntries(entries);
  next();
}
