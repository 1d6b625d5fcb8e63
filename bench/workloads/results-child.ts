import { computeResults } from '../../src/results/engine';
import { generateWorkload } from '../results-engine';

// Runs in its own process: generate the input, then time the engine alone and report the peak RSS.
const nominations = Number(process.argv[2] ?? 10_000);
const input = generateWorkload('zscore', nominations);
const baseMb = process.memoryUsage().rss / 1048576;
const start = process.hrtime.bigint();
computeResults(input);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.send!({ ms, peakMb: (process.resourceUsage().maxRSS * 1024) / 1048576, baseMb });
process.exit(0);
