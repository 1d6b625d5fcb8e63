import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface Served {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const dist = (...p: string[]) => path.join(__dirname, ...p);

/** Starts the bare Express baseline in a child process (one core for the server, one for the load). */
export function startBaseline(): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = fork(dist('baseline-server.js'), [], { env: { ...process.env, PORT: '0' } });
    child.once('message', (m: { port: number }) => resolve({ url: `http://127.0.0.1:${m.port}`, child, stop: () => stopChild(child) }));
    child.once('error', reject);
  });
}

/** Starts the real server (dist/src/server.js) on the given environment and waits for /healthz. */
export async function startApp(env: Record<string, string>, port: number): Promise<Served & { startMs: number }> {
  const started = Date.now();
  const child = fork(path.join(__dirname, '..', 'src', 'server.js'), [], {
    env: { ...process.env, LOG_LEVEL: 'warn', SESSION_SECRET: 'bench-session-secret-0123456789', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(child, url);
  return { url, child, startMs: Date.now() - started, stop: () => stopChild(child) };
}

/**
 * Starts the app the way a person does, `npm start` in the project folder (the build check included), and
 * waits for /healthz. The npm process and the server it starts form one process group, stopped together.
 */
export async function startWithNpm(env: Record<string, string>, port: number): Promise<Served & { startMs: number }> {
  const started = Date.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: path.join(__dirname, '..', '..'),
    env: { ...process.env, LOG_LEVEL: 'warn', SESSION_SECRET: 'bench-session-secret-0123456789', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(child, url);
  const stop = () => stopGroup(child);
  return { url, child, startMs: Date.now() - started, stop };
}

async function waitForHealth(child: ChildProcess, url: string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A child that ended, by itself or by a signal (a killed child keeps exitCode null and sets signalCode). */
const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function stopGroup(child: ChildProcess): Promise<void> {
  if (ended(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGTERM');
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 10_000).unref();
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (ended(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}
