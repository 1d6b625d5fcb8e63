import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox (/admin/outbox) reads messages newest first by id, a page at a time from an id cursor, filtered
 * by status, by kind, by recipient or by the address a message went to: one index per filter with id after
 * it, so every page of every filter is an index range of its own rows however many messages the table holds,
 * and the per-status counts read at most their cap's worth of index entries. Addresses are compared without
 * case.
 */
export class OutboxKeysetIndexes1796500518614 implements MigrationInterface {
  name = 'OutboxKeysetIndexes1796500518614';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "mail_message_status_id" ON "mail_message" ("status", "id") `);
    await queryRunner.query(`CREATE INDEX "mail_message_kind_id" ON "mail_message" ("kind", "id") `);
    await queryRunner.query(`CREATE INDEX "mail_message_recipient_id" ON "mail_message" ("recipient_user_id", "id") `);
    await queryRunner.query(`CREATE INDEX "mail_message_to_email_id" ON "mail_message" (lower("to_email"), "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."mail_message_to_email_id"`);
    await queryRunner.query(`DROP INDEX "public"."mail_message_recipient_id"`);
    await queryRunner.query(`DROP INDEX "public"."mail_message_kind_id"`);
    await queryRunner.query(`DROP INDEX "public"."mail_message_status_id"`);
  }
}
