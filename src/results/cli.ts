import fs from 'node:fs';
import { computeResults, InvalidInputError, type ResultInput } from './engine';

/**
 * npm run results -- FILE.json   (or "-" for standard input)
 * Prints the results as JSON on standard output, exit 0. Invalid input: one line per problem on standard
 * error, naming the entry, exit 2 (also for malformed JSON, an unreadable file or a missing argument).
 */
const INVALID = 2;

function main(args: string[]): number {
  if (args.length !== 1) {
    process.stderr.write('usage: npm run results -- FILE.json   (or - for standard input)\n');
    return INVALID;
  }
  let text: string;
  try {
    text = args[0] === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(args[0], 'utf8');
  } catch (err) {
    process.stderr.write(`input: cannot read ${args[0]}: ${(err as Error).message}\n`);
    return INVALID;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    process.stderr.write(`input: malformed JSON: ${(err as Error).message}\n`);
    return INVALID;
  }
  try {
    // computeResults validates first and throws every problem at once
    process.stdout.write(`${JSON.stringify(computeResults(input as ResultInput), null, 2)}\n`);
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    process.stderr.write(err.problems.map((p) => `${p}\n`).join(''));
    return INVALID;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
