import fs from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, found the same way from src/ (tests) and dist/src/ (built app). */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(__dirname);
export const fromRoot = (...parts: string[]) => path.join(projectRoot, ...parts);
