import { fork } from 'node:child_process';
import path from 'node:path';
import { measure, type Measurement } from '../report';

/**
 * The results of a category with 10,000 nominations, 100 jurors, 7 scorecards each, 5 criteria, B = 1000,
 * computed in a fresh process so its RSS is the computation's own.
 */
export async function resultsWorkload(nominations: number): Promise<Measurement[]> {
  const r = await new Promise<{ ms: number; peakMb: number; baseMb: number }>((resolve, reject) => {
    const child = fork(path.join(__dirname, 'results-child.js'), [String(nominations)]);
    child.once('message', resolve);
    child.once('error', reject);
  });
  const label = `results, ${nominations} nominations, B = 1000`;
  return [
    measure(label, 'time', r.ms, 'ms', '< 3000 ms', r.ms < 3000),
    measure(label, 'peak RSS', r.peakMb, 'MB', '< 300 MB', r.peakMb < 300),
  ];
}
