import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every app process keeps the signed-in people it served in memory (src/auth/session-cache.ts). The
 * database tells them what changed, whoever changed it (the app, a CLI, psql): a trigger sends a notice on
 * the channel `laureate_changes` in the writing transaction, which PostgreSQL delivers on commit only.
 * `s:<sid>` — a session was changed or ended; `u:<id>` — what a request knows about a person changed
 * (name, role, municipality, institution, active) or the person is gone; `*` — a municipality was renamed.
 */
export class SessionChangeNotices1796500042150 implements MigrationInterface {
  name = 'SessionChangeNotices1796500042150';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION laureate_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'session' THEN PERFORM pg_notify('laureate_changes', 's:' || OLD.sid);
        ELSIF TG_TABLE_NAME = 'app_user' THEN PERFORM pg_notify('laureate_changes', 'u:' || OLD.id);
        ELSE PERFORM pg_notify('laureate_changes', '*');
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER session_changed AFTER UPDATE OR DELETE ON session FOR EACH ROW EXECUTE FUNCTION laureate_notify_change()`);
    await queryRunner.query(
      `CREATE TRIGGER app_user_changed AFTER UPDATE OF email, full_name, role, municipality_id, institution, active OR DELETE ON app_user
         FOR EACH ROW EXECUTE FUNCTION laureate_notify_change()`,
    );
    await queryRunner.query(`CREATE TRIGGER municipality_changed AFTER UPDATE OF name OR DELETE ON municipality FOR EACH ROW EXECUTE FUNCTION laureate_notify_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER municipality_changed ON municipality`);
    await queryRunner.query(`DROP TRIGGER app_user_changed ON app_user`);
    await queryRunner.query(`DROP TRIGGER session_changed ON session`);
    await queryRunner.query(`DROP FUNCTION laureate_notify_change()`);
  }
}
