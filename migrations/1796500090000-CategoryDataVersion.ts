import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A data version per category, for the results pages' cache (src/results/results-cache.ts): triggers give the
 * category a new version, taken from a sequence, whenever anything its results are computed from changes —
 * submitted scorecards and their scores, its nominations and their status, the nominees' data, its criteria,
 * recusals, the municipality names and jurors' data the conflict rules and labels use, the category itself, the
 * cycle's method, the approved snapshot and the deliberation. A process serves a category's results from memory
 * while the version it reads is the one it built them at, so no process serves stale results, however many there
 * are. Versions come from a sequence, never reused even by a rolled-back transaction, so a version names one
 * state of the data. The triggers are per statement over transition tables: a bulk insert bumps once.
 *
 * With it, an index for building those results: a category's submitted scorecards are found through its
 * nominations by an index-only scan, where the planner chose a sequential scan of every scorecard before.
 */
const BUMPS: Array<{ table: string; categories: (rows: string) => string }> = [
  { table: 'category', categories: (rows) => `SELECT id FROM ${rows}` },
  { table: 'criterion', categories: (rows) => `SELECT category_id FROM ${rows}` },
  { table: 'nomination', categories: (rows) => `SELECT category_id FROM ${rows}` },
  { table: 'result_snapshot', categories: (rows) => `SELECT category_id FROM ${rows}` },
  { table: 'deliberation', categories: (rows) => `SELECT category_id FROM ${rows}` },
  { table: 'nominee', categories: (rows) => `SELECT n.category_id FROM ${rows} r JOIN nomination n ON n.nominee_id = r.id` },
  { table: 'conflict', categories: (rows) => `SELECT n.category_id FROM ${rows} r JOIN nomination n ON n.id = r.nomination_id` },
  // drafts never count in results: only a scorecard submitted before or after the change matters
  { table: 'scorecard', categories: (rows) => `SELECT n.category_id FROM ${rows} r JOIN nomination n ON n.id = r.nomination_id WHERE r.status = 'submitted'` },
  {
    table: 'score',
    categories: (rows) => `SELECT n.category_id FROM ${rows} r JOIN scorecard s ON s.id = r.scorecard_id JOIN nomination n ON n.id = s.nomination_id WHERE s.status = 'submitted'`,
  },
];

/** Tables whose updates matter only when some columns change, and only to the categories that use the row. */
const ON_UPDATE: Array<{ table: string; changed: string; categories: string }> = [
  {
    table: 'app_user',
    changed: 'o.full_name IS DISTINCT FROM r.full_name OR o.municipality_id IS DISTINCT FROM r.municipality_id OR o.institution IS DISTINCT FROM r.institution',
    categories: `SELECT n.category_id FROM scorecard s JOIN nomination n ON n.id = s.nomination_id WHERE s.juror_id IN (SELECT id FROM changed)
                 UNION SELECT n.category_id FROM conflict x JOIN nomination n ON n.id = x.nomination_id WHERE x.juror_id IN (SELECT id FROM changed)`,
  },
  { table: 'municipality', changed: 'o.name IS DISTINCT FROM r.name', categories: `SELECT category_id FROM nomination WHERE municipality_id IN (SELECT id FROM changed)` },
  { table: 'cycle', changed: 'o.results_method IS DISTINCT FROM r.results_method', categories: `SELECT id FROM category WHERE cycle_id IN (SELECT id FROM changed)` },
];

export class CategoryDataVersion1796500090000 implements MigrationInterface {
  name = 'CategoryDataVersion1796500090000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "scorecard_submitted_by_nomination" ON "scorecard" ("nomination_id", "juror_id", "id") WHERE status = 'submitted'`);
    await queryRunner.query(`CREATE SEQUENCE category_data_version_seq`);
    await queryRunner.query(
      `CREATE TABLE category_data_version (category_id integer PRIMARY KEY REFERENCES category (id) ON DELETE CASCADE, version bigint NOT NULL)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION laureate_bump_categories(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO category_data_version (category_id, version)
        SELECT d.id, nextval('category_data_version_seq') FROM (SELECT DISTINCT unnest(ids) AS id) d
         WHERE d.id IS NOT NULL AND EXISTS (SELECT 1 FROM category k WHERE k.id = d.id)
        ON CONFLICT (category_id) DO UPDATE SET version = EXCLUDED.version;
      END $$`);
    for (const { table, categories } of BUMPS) {
      await queryRunner.query(`
        CREATE FUNCTION laureate_${table}_bumps() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM laureate_bump_categories(ARRAY(${categories('new_rows')})); END IF;
          IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM laureate_bump_categories(ARRAY(${categories('old_rows')})); END IF;
          RETURN NULL;
        END $$`);
      await this.triggers(queryRunner, table, ['INSERT', 'UPDATE', 'DELETE']);
    }
    for (const { table, changed, categories } of ON_UPDATE) {
      await queryRunner.query(`
        CREATE FUNCTION laureate_${table}_bumps() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM laureate_bump_categories(ARRAY(
            WITH changed AS (SELECT r.id FROM new_rows r JOIN old_rows o ON o.id = r.id WHERE ${changed}) ${categories}));
          RETURN NULL;
        END $$`);
      await this.triggers(queryRunner, table, ['UPDATE']);
    }
  }

  private async triggers(queryRunner: QueryRunner, table: string, events: string[]): Promise<void> {
    const referencing: Record<string, string> = { INSERT: 'NEW TABLE AS new_rows', UPDATE: 'OLD TABLE AS old_rows NEW TABLE AS new_rows', DELETE: 'OLD TABLE AS old_rows' };
    for (const event of events) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_${event.toLowerCase()}_bumps_version AFTER ${event} ON "${table}" REFERENCING ${referencing[event]}
           FOR EACH STATEMENT EXECUTE FUNCTION laureate_${table}_bumps()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of BUMPS) {
      for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER ${table}_${event}_bumps_version ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION laureate_${table}_bumps()`);
    }
    for (const { table } of ON_UPDATE) {
      await queryRunner.query(`DROP TRIGGER ${table}_update_bumps_version ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION laureate_${table}_bumps()`);
    }
    await queryRunner.query(`DROP FUNCTION laureate_bump_categories(integer[])`);
    await queryRunner.query(`DROP TABLE category_data_version`);
    await queryRunner.query(`DROP SEQUENCE category_data_version_seq`);
    await queryRunner.query(`DROP INDEX "public"."scorecard_submitted_by_nomination"`);
  }
}
