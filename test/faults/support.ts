import 'reflect-metadata';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../ormconfig';
import { loadConfig } from '../../src/config';
import { seedPeople } from '../../src/demo/seed';

export { Browser } from './browser';

/**
 * The fault tests run the built app (dist/src/server.js) as real child processes, so a process can be
 * killed, restarted or doubled as in production. Every process started here is killed in afterAll.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'dist', 'src', 'server.js');
/** shared by every process of a test, so a session signed by one is valid in another */
const SESSION_SECRET = 'faults-session-secret-0123456789';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const handedOut = new Set<number>();

/**
 * A TCP port free right now, taken below the ephemeral range: a port the OS handed out for listen(0) could
 * be handed again to another test's server before the app binds it (then /healthz would answer from there).
 */
export async function freePort(): Promise<number> {
  let ephemeralFrom = 32768;
  try {
    ephemeralFrom = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]) || ephemeralFrom;
  } catch {
    /* not Linux: the usual range */
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = ephemeralFrom - 12000 + Math.floor(Math.random() * 10000);
    if (handedOut.has(port)) continue; // two apps started at once must not draw the same one
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer().once('error', () => resolve(false));
      server.listen(port, () => server.close(() => resolve(true)));
    });
    if (free) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('found no free TCP port');
}

/** Polls until `probe` gives a value, or fails saying what never happened. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * Builds the app once per test run (CI runs `npm test` without a build). Jest workers run test files in
 * parallel, so the build is guarded by a lock folder and remembered per run in dist/.faults-built.
 */
export async function ensureBuilt(): Promise<void> {
  const runId = process.env.LAUREATE_TEST_RUN ?? String(process.pid);
  const marker = path.join(ROOT, 'dist', '.faults-built');
  const lock = path.join(os.tmpdir(), 'laureate-faults-build.lock');
  await waitFor('the build lock', async () => {
    try {
      fs.mkdirSync(lock);
      return true;
    } catch {
      if (Date.now() - fs.statSync(lock).mtimeMs > 180_000) fs.rmSync(lock, { recursive: true, force: true }); // left by a killed run
      return false;
    }
  }, 180_000, 200);
  try {
    if (fs.existsSync(SERVER) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === runId) return;
    await promisify(execFile)('npx', ['tsc', '-p', '.'], { cwd: ROOT, timeout: 170_000 }).catch((err: { stdout?: string; message: string }) => {
      throw new Error(`the build (npx tsc -p .) failed:\n${err.stdout || err.message}`);
    });
    fs.writeFileSync(marker, runId);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface AppProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** what the process printed so far (stdout and stderr) */
  output(): string;
  /** resolves with the exit code (or the signal's name) */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

const running = new Set<AppProcess>();

/** Starts `node dist/src/server.js` on a free port; waits for /healthz unless told not to. */
export async function startApp(name: string, env: Record<string, string>, options: { waitReady?: boolean } = {}): Promise<AppProcess> {
  const port = await freePort();
  const { DATABASE_URL: _u, DATA_DIR: _d, NODE_OPTIONS: _o, ...inherited } = process.env;
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'production', LOG_LEVEL: 'warn', SESSION_SECRET, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // 'close' comes after the output is read to the end, unlike 'exit'
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const app: AppProcess = {
    name,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  running.add(app);
  void exited.then(() => running.delete(app));
  if (options.waitReady !== false) {
    const deadline = Date.now() + 90_000;
    while ((await healthOf(app.url).catch(() => null))?.status !== 200) {
      const problem = child.exitCode !== null || child.signalCode !== null ? 'exited' : Date.now() > deadline ? 'did not answer /healthz within 90 s' : null;
      if (problem) {
        await app.stop('SIGKILL');
        throw new Error(`${name} ${problem} before it was ready:\n${out}`);
      }
      await sleep(100);
    }
    if (child.exitCode !== null) throw new Error(`${name} exited while another server answered on its port:\n${out}`);
  }
  return app;
}

/** GET /healthz of a process: its status and body. */
export async function healthOf(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) });
  return { status: res.status, body: await res.json() };
}

/** For afterAll: kills whatever app process a test left running. */
export async function stopAllApps(): Promise<void> {
  await Promise.all([...running].map((app) => app.stop('SIGKILL')));
}
process.once('exit', () => running.forEach((app) => app.child.kill('SIGKILL')));

/** A DataSource of the test's own on the app's database (migrated by the app). */
export async function dataSourceOn(databaseUrl: string): Promise<DataSource> {
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, DB_POOL_SIZE: '4' });
  const ds = new DataSource({ ...dataSourceOptions(config), migrations: [] });
  return ds.initialize();
}

/** The same, holding the demo people (the app seeds nothing on PostgreSQL). */
export async function peopleOn(databaseUrl: string): Promise<DataSource> {
  const ds = await dataSourceOn(databaseUrl);
  await ds.transaction((m) => seedPeople(m));
  return ds;
}
