import fs from 'node:fs';
import { measure, type Measurement } from '../report';

/**
 * The screening exports of a cycle (CSV and XLSX) downloaded whole by a signed-in admin, while the app's
 * RSS is sampled: streamed exports keep it flat however many nominations the cycle holds. For the large
 * region (5,000 nominations): call with its app's pid, cycle and admin cookie.
 */
export async function nominationExports(appUrl: string, appPid: number, cycleId: number, cookie: string, nominations: number): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  for (const format of ['csv', 'xlsx'] as const) {
    const before = rssMb(appPid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(appPid))), 20);
    const started = Date.now();
    const res = await fetch(`${appUrl}/admin/cycles/${cycleId}/nominations.${format}`, { headers: { cookie } });
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    clearInterval(sampler);
    const label = `${format.toUpperCase()} export of ${nominations} nominations, streamed`;
    rows.push(
      measure(label, 'status', res.status, '', '200', res.status === 200),
      measure(label, 'RSS growth of the app', peak - before, 'MB', '< 60 MB', peak - before < 60),
      measure(label, 'time', Date.now() - started, 'ms', 'reference', true),
      measure(label, 'size', bytes / 1048576, 'MB', 'reference', true),
    );
  }
  return rows;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}
