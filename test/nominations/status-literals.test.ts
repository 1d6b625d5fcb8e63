import fs from 'node:fs';
import path from 'node:path';
import { NOMINATION_STATUSES } from '../../src/nominations/statuses';

/**
 * One owner for the nomination lifecycle: no file of src/ but statuses.ts spells a nomination status.
 * Code asks a named group (`isIn('editable', s)`, `statusIn('judged')` in SQL) or names a move.
 * Scorecards and cycles have statuses of their own ('draft', 'submitted'), so those words are allowed
 * in general but not compared with a nomination's status column; the words only nominations use are
 * not allowed anywhere.
 */
const SRC = path.join(__dirname, '../../src');
const OWNER = 'nominations/statuses.ts';
/** Seed data typed by NominationStatus (the compiler checks its values). */
const ALLOWED = new Set(['demo/nominees.ts']);
// also scorecard and cycle statuses, a certificate kind, and a programme participant's status (a place given back)
const SHARED = new Set(['draft', 'submitted', 'winner', 'withdrawn']);
const ONLY_NOMINATIONS = NOMINATION_STATUSES.filter((s) => !SHARED.has(s));

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Every line of src/ that spells a nomination status outside the lifecycle module. */
export function strayStatusLiterals(): string[] {
  const onlyNominations = new RegExp(`['"\`](${ONLY_NOMINATIONS.join('|')})['"\`]`);
  const quoted = NOMINATION_STATUSES.join('|');
  // n.status = 'winner', nomination.status !== 'draft', n.status IN ('submitted', …), n.status <> 'draft' …
  const compared = new RegExp(`\\b(n|nomination|nominations)\\.status\\s*(===|!==|==|!=|=|<>|IS DISTINCT FROM|IS NOT DISTINCT FROM|NOT IN\\s*\\(|IN\\s*\\()\\s*['"](${quoted})['"]`, 'i');
  const found: string[] = [];
  for (const file of files(SRC)) {
    const rel = path.relative(SRC, file).split(path.sep).join('/');
    if (rel === OWNER || ALLOWED.has(rel)) continue;
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (/^\s*(\*|\/\/|\/\*)/.test(line)) return; // a comment may name a status; code may not
      if (onlyNominations.test(line) || compared.test(line)) found.push(`src/${rel}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('nomination status literals', () => {
  it('appear only in the lifecycle module (src/nominations/statuses.ts)', () => {
    expect(strayStatusLiterals()).toEqual([]);
  });

  it('would be caught: the scanner recognises the spellings it forbids', () => {
    const only = new RegExp(`['"\`](${ONLY_NOMINATIONS.join('|')})['"\`]`);
    expect(only.test(`if (['draft', 'returned'].includes(n.status))`)).toBe(true);
    expect(only.test('WHERE status IN (\'accepted\', \'winner\')')).toBe(true);
    expect(only.test(`s.status = 'submitted'`)).toBe(false);
  });
});
