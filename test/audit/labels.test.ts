import fs from 'node:fs';
import path from 'node:path';
import { hasKey } from '../../src/web/i18n';

const NAMESPACES = ['nomination', 'user', 'invitation', 'password', 'cycle', 'category', 'criterion', 'panel', 'assignment', 'assignments', 'conflict', 'juror', 'scorecard', 'results', 'certificate', 'certificates'];

/** Every action code the source writes to the audit log, found by reading the source. */
function actionCodes(): string[] {
  const dir = path.join(__dirname, '../../src');
  const codes = new Set<string>(['nomination.accept', 'nomination.reject', 'nomination.return']); // `nomination.${decision}`
  for (const file of fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const line of text.split('\n').filter((l) => /action|audit\(/.test(l))) {
      for (const m of line.matchAll(/'([a-z]+)\.([a-zA-Z]+)'/g)) if (NAMESPACES.includes(m[1]) && !hasKey('ru', `${m[1]}.${m[2]}`)) codes.add(`${m[1]}.${m[2]}`); // a message key is not an action
    }
  }
  return [...codes].sort();
}

describe('the audit log', () => {
  it('has a label in Russian and English for every action the code records', () => {
    const codes = actionCodes();
    expect(codes.length).toBeGreaterThan(30);
    const missing = codes.flatMap((code) => (['ru', 'en'] as const).filter((l) => !hasKey(l, `audit.actions.${code}`)).map((l) => `${l}: ${code}`));
    expect(missing).toEqual([]);
  });
});
