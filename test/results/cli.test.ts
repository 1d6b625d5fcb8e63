import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/**
 * `npm run results -- FILE.json` runs dist/src/results/cli.js after building the whole project. Here the
 * results folder alone is transpiled into a temporary folder (it imports nothing outside it but Node), so the
 * test runs the real command-line program in a child process without depending on the rest of the build.
 */
let dir: string;
let cli: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-results-cli-'));
  const src = path.join(__dirname, '../../src/results');
  const walk = (from: string): string[] =>
    fs.readdirSync(from, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(from, e.name)) : e.name.endsWith('.ts') ? [path.join(from, e.name)] : []));
  for (const file of walk(src)) {
    const out = path.join(dir, path.relative(src, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    fs.writeFileSync(out, outputText);
  }
  cli = path.join(dir, 'cli.js');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const input = {
  method: 'raw',
  winners: 1,
  quotaPerMunicipality: null,
  criteria: [{ id: 'c1', weight: 1, min: 1, max: 10 }],
  nominations: [
    { id: 'N1', municipality: 'A' },
    { id: 'N2', municipality: 'B' },
  ],
  scorecards: [
    { juror: 'J1', nomination: 'N1', scores: { c1: 9 } },
    { juror: 'J1', nomination: 'N2', scores: { c1: 4 } },
    { juror: 'J2', nomination: 'N1', scores: { c1: 7 } },
  ],
};

const run = (args: string[], stdin?: string) => spawnSync(process.execPath, [cli, ...args], { input: stdin, encoding: 'utf8' });

describe('npm run results', () => {
  it('reads a file and prints the results as JSON, exit 0', () => {
    const file = path.join(dir, 'input.json');
    fs.writeFileSync(file, JSON.stringify(input));
    const child = run([file]);
    expect(child.status).toBe(0);
    const output = JSON.parse(child.stdout);
    expect(output.winners).toEqual(['N1']);
    expect(output.ranking.map((r: { nomination: string; score: number }) => [r.nomination, r.score])).toEqual([
      ['N1', 8],
      ['N2', 4],
    ]);
  });

  it('reads standard input with "-", and prints the same as for the file', () => {
    const file = path.join(dir, 'same.json');
    fs.writeFileSync(file, JSON.stringify(input));
    const child = run(['-'], JSON.stringify(input));
    expect(child.status).toBe(0);
    expect(child.stdout).toBe(run([file]).stdout);
  });

  it('exits 2 with one line per problem, naming the entry', () => {
    const bad = structuredClone(input) as any;
    bad.scorecards[1].nomination = 'N9';
    bad.scorecards[2].scores.c1 = 11;
    const child = run(['-'], JSON.stringify(bad));
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr.trim().split('\n')).toEqual([
      'scorecards[1]: juror J1 scored N9, which is not a nomination',
      'scorecards[2]: juror J2 gave N1 11 on c1, outside its scale 1–10',
    ]);
  });

  it('exits 2 on malformed JSON, a missing file or no argument', () => {
    const malformed = run(['-'], '{ "winners": 1,');
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/^input: malformed JSON: /);
    const missing = run([path.join(dir, 'nothing.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^input: cannot read /);
    expect(run([]).status).toBe(2);
  });
});
