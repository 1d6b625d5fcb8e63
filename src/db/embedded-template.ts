import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fromRoot } from '../paths';

/**
 * A new embedded cluster. PGlite takes about 5 s to make one on disk (initdb in WASM, then thousands of small
 * synchronous writes) but 1.3 s to unpack a dump of one. So the first data folder on a machine is made the long
 * way and its fresh, empty cluster is kept (gzip, about 4.5 MB) in node_modules/.cache/laureate, keyed by the
 * PGlite version; every later new data folder (another demo, a reset) starts from that copy. A copy that cannot
 * be read or loaded is dropped and the cluster made the long way; a cache that cannot be written is skipped.
 */
export async function createCluster(pgdata: string): Promise<PGlite> {
  const template = templateFile();
  if (template && fs.existsSync(template)) {
    try {
      return await PGlite.create(pgdata, { loadDataDir: new Blob([fs.readFileSync(template)]) });
    } catch {
      fs.rmSync(template, { force: true });
      fs.rmSync(pgdata, { recursive: true, force: true });
    }
  }
  const db = await PGlite.create(pgdata);
  if (template) await keepTemplate(db, template);
  return db;
}

async function keepTemplate(db: PGlite, template: string): Promise<void> {
  try {
    const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
    fs.mkdirSync(path.dirname(template), { recursive: true });
    // written aside and renamed: two processes creating clusters at once never read half a file
    const partial = `${template}.${process.pid}.partial`;
    fs.writeFileSync(partial, dump);
    fs.renameSync(partial, template);
  } catch {
    /* a read-only installation: every new data folder is made the long way */
  }
}

function templateFile(): string | null {
  try {
    const { version } = JSON.parse(fs.readFileSync(fromRoot('node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
    return fromRoot('node_modules', '.cache', 'laureate', `pglite-${version}-empty-cluster.tar.gz`);
  } catch {
    return null;
  }
}
