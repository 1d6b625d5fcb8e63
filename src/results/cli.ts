import fs from 'node:fs';
import { computeResults, validateInput, type ResultInput } from './engine';

/**
 * npm run -s results -- FILE.json   (or "-" for standard input; -s keeps npm's own banner off standard output)
 *
 * FILE.json is one category's engine input, or a whole cycle's scores file as the app exports it
 * (`/cycles/:slug/scores.json`: { cycle, categories: [{ category, input }] }). Prints the result as JSON on
 * standard output, exit 0: for one input the engine's output, for a cycle { cycle, categories: [{ category,
 * result }] } in the file's order. Invalid input: one line per problem on standard error, naming the entry (in a
 * cycle file prefixed with its category), exit 2 (also for malformed JSON, an unreadable file or a missing
 * argument); nothing is printed then, not even the valid categories.
 */
const INVALID = 2;

const USAGE = [
  'usage: npm run -s results -- FILE.json   (or - for standard input)',
  '  FILE.json: one category\'s input, or a cycle\'s scores.json ({ "cycle": …, "categories": [{ "category": …, "input": … }] })',
  '  -s (--silent) keeps npm\'s own lines off standard output, so that it holds nothing but the JSON',
].join('\n');

interface CycleFile {
  cycle: unknown;
  categories: Array<{ category: unknown; input: ResultInput }>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A cycle's file has categories and no criteria of its own (an engine input with "categories" is a misspelling, reported as such). */
const isCycleFile = (v: unknown): v is Record<string, unknown> => isObject(v) && 'categories' in v && !('criteria' in v);

function cycleProblems(file: Record<string, unknown>): string[] {
  if (!Array.isArray(file.categories)) return ['categories: must be an array of { category, input }'];
  return file.categories.flatMap((entry: unknown, k: number) => {
    const category = isObject(entry) ? entry.category : undefined;
    const name = isObject(category) && typeof category.name === 'string' ? ` (${category.name})` : '';
    if (!isObject(entry) || !isObject(entry.input)) return [`categories[${k}]${name}: input must be an object`];
    return validateInput(entry.input).map((p) => `categories[${k}]${name}: ${p}`);
  });
}

/** The output for a parsed file, or its problems. */
function resultsOf(data: unknown): { ok: true; output: unknown } | { ok: false; problems: string[] } {
  if (isCycleFile(data)) {
    const problems = cycleProblems(data);
    if (problems.length) return { ok: false, problems };
    const file = data as unknown as CycleFile;
    return { ok: true, output: { cycle: file.cycle, categories: file.categories.map(({ category, input }) => ({ category, result: computeResults(input) })) } };
  }
  const problems = validateInput(data);
  if (problems.length) return { ok: false, problems };
  return { ok: true, output: computeResults(data as ResultInput) };
}

function main(args: string[]): number {
  if (args.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return INVALID;
  }
  let text: string;
  try {
    text = args[0] === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(args[0], 'utf8');
  } catch (err) {
    process.stderr.write(`input: cannot read ${args[0]}: ${(err as Error).message}\n`);
    return INVALID;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    process.stderr.write(`input: malformed JSON: ${(err as Error).message}\n`);
    return INVALID;
  }
  const results = resultsOf(data);
  if (!results.ok) {
    process.stderr.write(results.problems.map((p) => `${p}\n`).join(''));
    return INVALID;
  }
  process.stdout.write(`${JSON.stringify(results.output, null, 2)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
