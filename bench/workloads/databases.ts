import http from 'node:http';
import { Client } from 'pg';
import { timePage } from './large-region';

/**
 * A fresh PostgreSQL database of the bench's own for the length of `use`, created beside the one
 * `adminUrl` names and dropped afterwards (also when `use` fails).
 */
export async function withDatabase<T>(adminUrl: string, name: string, use: (url: string) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await use(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

/** A bare Node request, timed the way pages are (best of 50): the run's unit of "nothing at all". */
export async function bareRequestMs(): Promise<number> {
  const server = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  let best = Infinity;
  for (let i = 0; i < 50; i++) best = Math.min(best, (await timePage(`http://127.0.0.1:${port}/`, '', 1)).ms);
  server.close();
  return best;
}
