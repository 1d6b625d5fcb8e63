import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each app process keeps the juror dashboards it served in memory (src/jury/juror-home-cache.ts). Any
 * statement that changes what a dashboard shows — an assignment, a scorecard, a recusal or conflict, a
 * nomination, its nominee or documents, a category, its criteria or a cycle — sends the notice `j` on `laureate_changes`; PostgreSQL
 * delivers it on commit, once per transaction however many statements sent it, and every process forgets
 * its dashboards. Statement-level, so a bulk assignment of thousands of rows costs one notice.
 */
const TABLES = ['assignment', 'scorecard', 'conflict', 'nomination', 'nominee', 'attachment', 'category', 'criterion', 'cycle'];

export class JuryChangeNotices1796500400000 implements MigrationInterface {
  name = 'JuryChangeNotices1796500400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION laureate_notify_jury_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('laureate_changes', 'j');
        RETURN NULL;
      END $$`);
    for (const table of TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_jury_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION laureate_notify_jury_change()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`DROP TRIGGER ${table}_jury_changed ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION laureate_notify_jury_change()`);
  }
}
