import autocannon from 'autocannon';

export interface LoadResult {
  reqPerSec: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

/** 16 connections against one URL for a while; req/s averaged, p99 latency in ms, errors and non-2xx counted. */
export async function load(url: string, seconds: number, headers: Record<string, string> = {}, connections = 16): Promise<LoadResult> {
  // a short warm-up, so JIT and caches are hot for the measured run
  await autocannon({ url, connections, duration: 1, headers });
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return { reqPerSec: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, requests: r.requests.total };
}
