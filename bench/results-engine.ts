import { computeResults, type Method, type ResultInput } from '../src/results/engine';
import { bootstrapRanks, type BootstrapSummary } from '../src/results/engine/bootstrap';
import { canonicalDigest, canonicalize } from '../src/results/engine/canonical';
import { buildDesign } from '../src/results/engine/design';
import { JurorLinks } from '../src/results/engine/graph';
import { jurorMoments } from '../src/results/engine/jurors';
import { fitOffsets, offsetMethod } from '../src/results/engine/methods/offset';

/**
 * The results workload of DESIGN.md: one category with 10,000 nominations, 100 jurors, 7 scorecards per
 * nomination, 5 criteria, bootstrap B = 1000. The input is generated deterministically (fixed-seed PRNG):
 * each nomination has a true quality, each juror a leniency and a noise level, scores are rounded and clamped
 * to 1–10. Prints wall time and RSS per method; the target (zscore, the default) is < 3 s and < 300 MB RSS.
 *
 *   npx tsc -p . && node dist/bench/results-engine.js [method ...]
 *   node dist/bench/results-engine.js offset-accuracy   (~1 min: the evidence for BOOTSTRAP_MAX_SWEEPS)
 */
export function generateWorkload(method: Method = 'zscore', nominations = 10_000, jurors = 100, perNomination = 7): ResultInput {
  const random = mulberry32(20260101);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const criteria = [0.3, 0.25, 0.2, 0.15, 0.1].map((weight, k) => ({ id: `c${k + 1}`, weight, min: 1, max: 10 }));
  const leniency = Array.from({ length: jurors }, () => gauss());
  const noise = Array.from({ length: jurors }, () => 0.5 + random());
  const input: ResultInput = {
    method,
    winners: 10,
    quotaPerMunicipality: 2,
    criteria,
    nominations: [],
    scorecards: [],
    recusals: [],
  };
  for (let i = 0; i < nominations; i++) {
    const id = `N${String(i + 1).padStart(5, '0')}`;
    input.nominations.push({ id, municipality: `M${1 + Math.floor(random() * 60)}` });
    const quality = 6 + 1.5 * gauss();
    const panel = new Set<number>();
    while (panel.size < perNomination) panel.add(Math.floor(random() * jurors));
    for (const j of panel) {
      const scores: Record<string, number> = {};
      for (const c of criteria) scores[c.id] = Math.min(10, Math.max(1, Math.round(quality + leniency[j] + noise[j] * gauss())));
      input.scorecards.push({ juror: `J${String(j + 1).padStart(3, '0')}`, nomination: id, scores });
    }
    if (i % 50 === 0) {
      let j = Math.floor(random() * jurors);
      while (panel.has(j)) j = (j + 1) % jurors;
      input.recusals!.push({ juror: `J${String(j + 1).padStart(3, '0')}`, nomination: id });
    }
  }
  return input;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

function main(methods: Method[]): void {
  for (const method of methods) {
    const input = generateWorkload(method);
    const before = process.memoryUsage().rss;
    const start = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const output = computeResults(input);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuBefore);
    const rss = process.memoryUsage().rss;
    const peak = process.resourceUsage().maxRSS * 1024;
    console.log(
      `results ${method}: ${input.nominations.length} nominations, ${input.scorecards.length} scorecards, B = 1000: ` +
        `${ms.toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms); RSS ${mb(before)} before, ${mb(rss)} after, peak ${mb(peak)} (process); ` +
        `winners ${output.winners.join(' ')}; alpha ${output.alpha?.toFixed(3)}`,
    );
  }
}

/**
 * How far the offset bootstrap's capped sweeps move the rank intervals and P(winner), compared with resamples
 * run to convergence, next to the Monte Carlo noise of B = 1000 (the same, converged, with another seed).
 */
function offsetAccuracy(): void {
  const canonical = canonicalize(generateWorkload('offset'));
  const design = buildDesign(canonical);
  const links = new JurorLinks(design);
  const context = { design, moments: jurorMoments(design), fit: fitOffsets(design, links), links };
  const seed = canonicalDigest(canonical);
  const otherSeed = Buffer.from(seed);
  otherSeed[0] ^= 1;
  const run = (sweeps: number, s: Buffer) => bootstrapRanks(design, offsetMethod(context, sweeps).score, 10, s, 1000);
  const converged = run(200, seed);
  const describe = (name: string, x: BootstrapSummary) => {
    const ends: number[] = [];
    let p = 0;
    for (let i = 0; i < x.lower.length; i++) {
      ends.push(Math.abs(x.lower[i] - converged.lower[i]), Math.abs(x.upper[i] - converged.upper[i]));
      p = Math.max(p, Math.abs(x.pWinner[i] - converged.pWinner[i]));
    }
    ends.sort((a, b) => a - b);
    const at = (q: number) => ends[Math.min(ends.length - 1, Math.floor(q * ends.length))];
    console.log(`${name}: interval ends move by median ${at(0.5)}, p99 ${at(0.99)}, max ${ends[ends.length - 1]} places; P(winner) by ≤ ${p.toFixed(4)}`);
  };
  describe('Monte Carlo noise (another seed)', run(200, otherSeed));
  for (const sweeps of [1, 2, 3, 4]) describe(`${sweeps} sweeps`, run(sweeps, seed));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === 'offset-accuracy') offsetAccuracy();
  else main(args.length ? (args as Method[]) : ['zscore']);
}
