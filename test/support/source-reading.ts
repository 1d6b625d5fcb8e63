import fs from 'node:fs';
import path from 'node:path';

/** Reading the source as text: tests that check what the code writes (audit actions, states) against the catalogs. */

const SRC = path.join(__dirname, '../../src');

/** Every TypeScript file under src/, with its path (relative to src/) and text. */
export const sourceFiles = (): Array<{ file: string; text: string }> =>
  fs.readdirSync(SRC, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => ({ file: f, text: fs.readFileSync(path.join(SRC, f), 'utf8') }));

/** The text from an opening bracket to its match, skipping brackets inside quotes. */
export function balanced(text: string, start: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c) && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error('unbalanced brackets');
}

/** The top-level comma-separated parts of a bracketed text (an argument list or an object literal). */
export function parts(bracketed: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let from = 1;
  for (let i = 1; i < bracketed.length - 1; i++) {
    const c = bracketed[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(bracketed.slice(from, i));
      from = i + 1;
    }
  }
  out.push(bracketed.slice(from, bracketed.length - 1));
  return out.map((p) => p.trim()).filter(Boolean);
}

/** `key: value` pairs of an object literal's text (a shorthand `action` is `action: action`). */
export function properties(object: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const part of parts(object)) {
    const m = /^(\w+)\s*(?::\s*([\s\S]*))?$/.exec(part);
    if (m) props.set(m[1], (m[2] ?? m[1]).trim());
  }
  return props;
}

