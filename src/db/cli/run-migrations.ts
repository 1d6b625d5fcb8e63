import { dataSource } from '../../../ormconfig';
import { loadConfig } from '../../config';
import { openDatabase } from '../open';

/** npm run migration:run — applies pending migrations on PostgreSQL (DATABASE_URL) or the embedded database. */
async function main() {
  const db = await openDatabase(dataSource, loadConfig());
  try {
    const applied = await db.dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'No pending migrations.');
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
