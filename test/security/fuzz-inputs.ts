import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { fromRoot } from '../../src/paths';
import type { World } from './support';

/**
 * What the fuzzer sends: field names read from the app's own forms (so each route mostly gets the keys it
 * expects), values a person or a tool might type — empty, huge, signed, fractional, out of range, unicode,
 * lone surrogates, NUL, markup, formulas, dates that do not exist, `__proto__` — single or repeated.
 */

const normalise = (p: string) => p.replace(/[#?].*$/, '').replace(/\{\{[^}]*\}\}/g, ':p').replace(/:\w+/g, ':p');

function viewFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? viewFiles(path.join(dir, e.name)) : e.name.endsWith('.hbs') ? [path.join(dir, e.name)] : []));
}

/** Every form of the views: its action (ids as :p) → the names of its fields; dynamic names get a sample. */
export function formFields(world: World): { byAction: Map<string, string[]>; all: string[] } {
  const byAction = new Map<string, string[]>();
  const all = new Set<string>();
  const criterionFields = world.criteria.map(([, id]) => `score_${id}`);
  const partials = new Map(viewFiles(fromRoot('views', 'partials')).map((f) => [path.basename(f, '.hbs'), fs.readFileSync(f, 'utf8')]));
  const expand = (text: string, depth = 0): string => (depth > 3 ? text : text.replace(/\{\{>\s*([\w-]+)[^}]*\}\}/g, (_m, name: string) => expand(partials.get(name) ?? '', depth + 1)));
  for (const file of viewFiles(fromRoot('views'))) {
    const text = expand(fs.readFileSync(file, 'utf8'));
    for (const form of text.matchAll(/<form\b[^>]*?action="([^"]*)"[\s\S]*?<\/form>/g)) {
      const names = [...form[0].matchAll(/name="([^"]+)"/g)]
        .filter((m) => m[1] !== '_csrf')
        .flatMap((m) => (m[1].startsWith('score_') ? criterionFields : [m[1].replace(/\{\{[^}]*\}\}/g, '1')]));
      names.forEach((n) => all.add(n));
      const key = normalise(form[1]);
      byAction.set(key, [...new Set([...(byAction.get(key) ?? []), ...names])]);
    }
  }
  // the two forms whose action is computed in code
  for (const n of ['nominee.lastName', 'nominee.yearsOfPractice', 'achievements', 'removeIds', 'kind0', 'files0', 'name', 'weight', 'scaleMin', 'scaleMax', 'rubric', 'place1', 'signatory1Name', 'accentColor', 'title', 'body']) all.add(n);
  return { byAction, all: [...all] };
}

/** The fields of every form that posts to a route (a form's `{{action}}` segment matches any segment). */
export function fieldsOf(routePath: string, byAction: Map<string, string[]>): string[] {
  const key = normalise(routePath);
  const matching = [...byAction].filter(([action]) => new RegExp(`^${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:p/g, '[^/]+')}$`).test(key));
  return [...new Set(matching.flatMap(([, names]) => names))];
}

const odd = fc.constantFrom(
  '', ' ', '0', '-1', '1', '2', '3', '2147483647', '2147483648', '-2147483649', '99999999999999999999', '1.5', '0,5', '1e309', 'NaN', 'Infinity', 'null', 'undefined', 'true', 'on',
  'save', 'submit', 'accept', 'reject', 'return', 'winner', 'nominee', 'juror', 'admin', 'officer', 'up', 'down', 'raw', 'zscore', 'offset', 'trimmed', 'all', 'k',
  'nominations_open', 'screening', 'judging', 'deliberation', 'archived', 'approved', 'published', 'draft', 'submitted', 'assigned', 'recused', '#1d4f91', '#zzzzzz',
  '2026-02-30', '2026-13-45', '2026-02-28T25:61', '0000-00-00T00:00', '9999-12-31T23:59', '1–10: хорошо', '5: x\n5: y', '10–1: наоборот',
  '__proto__', 'constructor', 'prototype', 'hasOwnProperty', '\u0000', '\ud800', '\u202e', '../../etc/passwd', '%', '%%', '<script>', '=1+1', '{cycle.name}', '{nominee.fullName}',
);

/** Text no page may accept (refused with 400 at the app's boundary, src/web/text-boundary.ts): each is tried on every field. */
export const BAD_TEXT: Array<[string, string]> = [['NUL', '\u0000'], ['a lone surrogate', '\ud800'], ['a control character', '\u001b']];

/** One typed value, sometimes a real id of the world. */
export function valueArb(world: World): fc.Arbitrary<string> {
  const ids = [...world.cycles, ...world.categories, ...world.nominations, ...world.users, ...world.certificates, ...world.criteria.map(([, id]) => id)].map(String);
  return fc.oneof(
    { arbitrary: odd, weight: 4 },
    { arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...BAD_TEXT.map(([, c]) => c))).map(([s, c]) => `${s}${c}${s}`), weight: 1 },
    { arbitrary: fc.constantFrom(...ids), weight: 3 },
    { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
    { arbitrary: fc.integer().map(String), weight: 2 },
    { arbitrary: fc.double().map(String), weight: 1 },
    { arbitrary: fc.constantFrom('я'.repeat(70_000), 'x'.repeat(20_001), '1'.repeat(5_000), 'a\n'.repeat(3_000)), weight: 1 },
  );
}

/** Query values stay small: a URL longer than the server's header limit is refused by Node itself. */
export const queryValueArb = (world: World) => valueArb(world).map((v) => v.slice(0, 500));

/** Fields of a form: keys the route expects (mostly), keys of other forms, made-up keys; values single or repeated. */
export function fieldsArb(keys: string[], all: string[], value: fc.Arbitrary<string>): fc.Arbitrary<Array<[string, string | string[]]>> {
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...(keys.length ? keys : all)), weight: 6 },
    { arbitrary: fc.constantFrom(...all), weight: 2 },
    { arbitrary: fc.constantFrom('__proto__', 'constructor', '__proto__.polluted', 'a[b]', 'files0', 'ids[]'), weight: 1 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  );
  return fc.array(fc.tuple(key, fc.oneof({ arbitrary: value, weight: 5 }, { arbitrary: fc.array(value, { minLength: 2, maxLength: 4 }), weight: 1 })), { maxLength: 10 });
}

/** A path parameter: a real value, a number out of range, a word, or bytes that do not decode. */
export function paramArb(real: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...(real.length ? real : ['1'])), weight: 4 },
    { arbitrary: fc.constantFrom('0', '-1', '01', '1.0', '2147483648', '99999999999', 'NaN', '%E0%A4%A', '%ZZ', '..', '%2e%2e', '__proto__', 'constructor', 'winner.pdf', '.pdf', 'x'.repeat(300), '%00', 'a%00b', '%ED%A0%80', '1%00.pdf', '%1B'), weight: 2 },
    { arbitrary: fc.string({ minLength: 1, maxLength: 20 }).map(encode), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).map(encode), weight: 1 },
  );
}

/** Percent-encoding that also sends a lone surrogate, as the bytes of invalid UTF-8 it would be on the wire. */
export function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      out += '%ED%A0%80';
    }
  }
  return out;
}

/** URL-encoded as a browser would, repeated keys for lists. */
export function encodeForm(fields: Array<[string, string | string[]]>): string {
  return fields.flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encode(k)}=${encode(x)}`)).join('&');
}
