import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './support';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/**
 * A PostgreSQL cluster of the test's own, in a temporary folder on a free port, so a test may stop and
 * start it without touching the machine's shared server (other test workers use that one). Trust
 * authentication on 127.0.0.1 only; fsync off, since no test here survives a power cut.
 */
export interface PrivatePostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  createDatabase(name: string): Promise<void>;
  /** pg_ctl stop -m fast: open connections are ended at once, as in a real outage */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** stops the cluster (immediately) and removes its folder; safe to call twice */
  destroy(): Promise<void>;
}

/** The newest installed PostgreSQL's bin folder, or a message saying what to install. */
function binDir(): string {
  const versions = fs.existsSync(PG_ROOT) ? fs.readdirSync(PG_ROOT).filter((v) => fs.existsSync(path.join(PG_ROOT, v, 'bin', 'pg_ctl'))) : [];
  if (!versions.length) {
    throw new Error(`The fault tests need the PostgreSQL server binaries (initdb, pg_ctl) under ${PG_ROOT}/<version>/bin; install the postgresql package.`);
  }
  return path.join(PG_ROOT, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` OS user. */
function asPostgres(tool: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', tool, ...args]] : [tool, args];
}

async function pgTool(bin: string, tool: string, args: string[], timeoutMs = 60_000): Promise<void> {
  const [cmd, argv] = asPostgres(path.join(bin, tool), args);
  try {
    await run(cmd, argv, { timeout: timeoutMs });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()));
    fs.chownSync(dir, uid, gid);
  }
  const port = await freePort();
  let running = false;
  let removed = false;
  const ctl = (args: string[]) => pgTool(bin, 'pg_ctl', ['-D', data, ...args]);
  const cluster: PrivatePostgres = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async createDatabase(name) {
      await pgTool(bin, 'createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
    },
    async start() {
      await ctl(['start', '-w', '-t', '30', '-l', path.join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`]);
      running = true;
    },
    async stop() {
      await ctl(['stop', '-m', 'fast', '-w', '-t', '30']);
      running = false;
    },
    async destroy() {
      if (removed) return;
      removed = true;
      if (running) await ctl(['stop', '-m', 'immediate', '-w', '-t', '30']).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await pgTool(bin, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await cluster.start();
    return cluster;
  } catch (err) {
    await cluster.destroy();
    throw err;
  }
}
