import fs from 'node:fs';
import path from 'node:path';
import { dataSource } from '../../../ormconfig';
import { loadConfig } from '../../config';
import { openDatabase } from '../open';
import { pendingSchemaChanges } from '../schema-drift';

/**
 * npm run migration:generate -- <Name>
 * Migrates the database, compares it with the entities and writes migrations/<timestamp>-<Name>.ts.
 */
async function main() {
  const name = process.argv[2];
  if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    console.error('Usage: npm run migration:generate -- <Name>   (letters and digits, e.g. AddCertificates)');
    process.exit(2);
  }
  const db = await openDatabase(dataSource, loadConfig());
  try {
    await db.dataSource.runMigrations({ transaction: 'each' });
    const { up, down } = await pendingSchemaChanges(db.dataSource);
    if (up.length === 0) {
      console.log('The entities and the migrations agree: nothing to generate.');
      return;
    }
    const timestamp = Date.now();
    const file = path.resolve(__dirname, '../../../../migrations', `${timestamp}-${name}.ts`);
    fs.writeFileSync(file, renderMigration(`${name}${timestamp}`, up, down));
    console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await db.close();
  }
}

function renderMigration(className: string, up: string[], down: string[]): string {
  const quote = (q: string) => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const lines = (qs: string[]) => qs.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
