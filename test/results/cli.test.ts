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

  it('reads a whole cycle’s scores file and prints each category’s result beside its category', () => {
    const other = { ...input, method: 'zscore', winners: 2 };
    const file = { cycle: { slug: 'c-2025', name: 'Конкурс', year: 2025, method: 'raw' }, categories: [
      { category: { id: 7, name: 'Первая', inputHash: 'abc' }, input },
      { category: { id: 8, name: 'Вторая', inputHash: 'def' }, input: other },
    ] };
    const child = run(['-'], JSON.stringify(file));
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const output = JSON.parse(child.stdout);
    expect(output.cycle).toEqual(file.cycle);
    expect(output.categories.map((c: { category: unknown }) => c.category)).toEqual([file.categories[0].category, file.categories[1].category]);
    // each result is what the category's input alone gives
    expect(output.categories[0].result).toEqual(JSON.parse(run(['-'], JSON.stringify(input)).stdout));
    expect(output.categories[1].result).toEqual(JSON.parse(run(['-'], JSON.stringify(other)).stdout));
  });

  it('names the category of each problem in a cycle’s file, and prints nothing', () => {
    const bad = structuredClone(input) as any;
    bad.scorecards[0].scores.c1 = 0;
    const file = { cycle: { slug: 'c' }, categories: [{ category: { id: 1, name: 'Первая' }, input }, { category: { id: 2, name: 'Вторая' }, input: bad }, { category: { id: 3 } }] };
    const child = run(['-'], JSON.stringify(file));
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr.trim().split('\n')).toEqual([
      'categories[1] (Вторая): scorecards[0]: juror J1 gave N1 0 on c1, outside its scale 1–10',
      'categories[2]: input must be an object',
    ]);
    expect(run(['-'], JSON.stringify({ cycle: {}, categories: {} })).stderr).toBe('categories: must be an array of { category, input }\n');
  });

  it('tells how to keep npm’s banner off standard output', () => {
    const child = run([]);
    expect(child.status).toBe(2);
    expect(child.stderr).toContain('usage: npm run -s results -- FILE.json');
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
