import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One line of bench/results.json. */
export interface Measurement {
  workload: string;
  metric: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target: string;
  pass: boolean;
}

export function measure(workload: string, metric: string, value: number, unit: string, target: string, pass: boolean, baseline: number | null = null): Measurement {
  return { workload, metric, value: round(value), unit, baseline: baseline === null ? null : round(baseline), ratio: baseline ? round(value / baseline, 3) : null, target, pass };
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function printTable(rows: Measurement[]): void {
  const header = ['workload', 'metric', 'value', 'baseline', 'ratio', 'target', 'pass'];
  const lines = rows.map((r) => [r.workload, r.metric, `${r.value} ${r.unit}`, r.baseline === null ? '' : String(r.baseline), r.ratio === null ? '' : String(r.ratio), r.target, r.pass ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
  console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
}

/**
 * Writes this run's rows into bench/results.json. A partial run (`--only`) replaces the rows of the workloads it
 * measured and keeps the others, so the file always holds the latest figure of every workload.
 */
export function writeResults(rows: Measurement[]): string {
  const file = path.join(__dirname, '..', '..', 'bench', 'results.json');
  const measured = new Set(rows.map((r) => r.workload));
  const kept = readResults(file).filter((r) => !measured.has(r.workload));
  fs.writeFileSync(file, `${JSON.stringify([...kept, ...rows], null, 2)}\n`);
  return file;
}

function readResults(file: string): Measurement[] {
  try {
    const rows: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Array.isArray(rows) ? (rows as Measurement[]) : [];
  } catch {
    return [];
  }
}
