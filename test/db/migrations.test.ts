import { useTestApp } from '../support/harness';
import { pendingSchemaChanges } from '../../src/db/schema-drift';

describe('migrations', () => {
  const t = useTestApp({ seed: false });

  it('agree with the entities: generating a migration on a migrated database yields nothing', async () => {
    const { up } = await pendingSchemaChanges(t.ds);
    expect(up).toEqual([]);
  });

  it('have all run, and running them again applies nothing', async () => {
    expect(await t.ds.showMigrations()).toBe(false);
    expect(await t.ds.runMigrations()).toEqual([]);
  });
});
