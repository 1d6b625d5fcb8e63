import 'reflect-metadata';
import { dataSource } from '../../ormconfig';
import { loadConfig } from '../config';
import { openDatabase } from '../db/open';
import { seedDemoIfEmpty } from './seed';

/** npm run seed:demo — seeds the demo region on purpose (PostgreSQL is never seeded otherwise). */
async function main() {
  const db = await openDatabase(dataSource, loadConfig());
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const seeded = await seedDemoIfEmpty(dataSource);
    console.log(seeded ? 'Demo data seeded. Accounts: see README (password laureate-demo).' : 'The database already has a region; nothing seeded.');
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
