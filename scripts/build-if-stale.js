#!/usr/bin/env node
/**
 * `npm start` and the other npm scripts build through this: the TypeScript compiler runs only when a
 * source is newer than the last successful build (dist/.build-stamp), so a restart with nothing changed
 * starts at once instead of spending seconds in tsc. tsc itself is incremental (dist/.tsbuildinfo), so
 * a build after a small change recompiles only what that change touches.
 *
 * "Newer" is judged by modification times of the compiled inputs (tsconfig's include folders, with
 * their directories, so a deleted or renamed file counts too) and of tsconfig.json and package-lock.json.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const inputs = ['ormconfig.ts', 'tsconfig.json', 'package-lock.json', 'src', 'migrations', 'bench'];

function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  let newest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function stampTime() {
  try {
    return fs.statSync(stamp).mtimeMs;
  } catch {
    return -1;
  }
}

const built = stampTime();
const newest = Math.max(...inputs.map((p) => newestMtime(path.join(root, p))));
if (built >= newest && !process.argv.includes('--force')) process.exit(0);

const started = Date.now();
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
if (tsc.status !== 0) {
  // A failed build leaves no stamp, so the next start compiles again instead of running stale code.
  fs.rmSync(stamp, { force: true });
  process.exit(tsc.status ?? 1);
}
fs.mkdirSync(path.dirname(stamp), { recursive: true });
// The stamp takes the time the build started: a source saved while tsc ran is newer and is built next time.
fs.writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
fs.utimesSync(stamp, new Date(started), new Date(started));
if (process.stderr.isTTY) process.stderr.write(`built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
