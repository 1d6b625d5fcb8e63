import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders scheduled per cycle (issue 11): how many days before nominations close officers with drafts are
 * reminded, and how many days before judging closes jurors with unsubmitted scorecards are; 3 and 1 unless the
 * admin sets other days on the cycle form (up to three, each a whole number 1–30; none switches the reminder off).
 * A JSON list, as the schema keeps its other short lists.
 */
export class CycleReminderDays1796500490144 implements MigrationInterface {
  name = 'CycleReminderDays1796500490144';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['nominations_reminder_days', 'judging_reminder_days']) {
      await queryRunner.query(`ALTER TABLE "cycle" ADD "${column}" jsonb NOT NULL DEFAULT '[3, 1]'`);
      await queryRunner.query(
        `ALTER TABLE "cycle" ADD CONSTRAINT "cycle_${column}_check" CHECK (jsonb_typeof(${column}) = 'array' AND jsonb_array_length(${column}) <= 3 AND NOT jsonb_path_exists(${column}, '$[*] ? (@.type() != "number" || @ < 1 || @ > 30 || @ != @.floor())'))`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['judging_reminder_days', 'nominations_reminder_days']) {
      await queryRunner.query(`ALTER TABLE "cycle" DROP CONSTRAINT "cycle_${column}_check"`);
      await queryRunner.query(`ALTER TABLE "cycle" DROP COLUMN "${column}"`);
    }
  }
}
