import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { dataSource } from '../../../ormconfig';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/open';
import { ROLES, type Role } from '../user.entity';
import { inviteUser } from '../users';
import { Municipality } from '../../regions/municipality.entity';

const USAGE = 'Usage: npm run user:create -- --email a@b.c --role admin|officer|juror [--name "Фамилия Имя Отчество"] [--municipality "Красногорск"] [--institution "..."]';

/** Creates an account and prints its one-time invitation link (how the first admin of a production install begins). */
async function main() {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, municipality: { type: 'string' }, institution: { type: 'string' } },
  });
  if (!values.email || !values.role || !ROLES.includes(values.role as Role)) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const db = await openDatabase(dataSource, config);
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const municipality = values.municipality ? await dataSource.manager.findOne(Municipality, { where: { name: values.municipality } }) : null;
    if (values.municipality && !municipality) throw new Error(`Unknown municipality: ${values.municipality}`);
    const result = await dataSource.transaction((m) =>
      inviteUser(m, { email: values.email!, fullName: values.name ?? values.email!, role: values.role as Role, municipalityId: municipality?.id ?? null, institution: values.institution ?? null }, null),
    );
    if (!result.ok) throw new Error(`Cannot create the user: ${Object.entries(result.problems).map(([f, p]) => `${f}: ${p}`).join(', ')}`);
    console.log(`Invitation link (valid 72 hours, usable once):\n${config.baseUrl}/invite/${result.token}`);
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
