import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail (issue 11): every message Laureate sends is kept in `mail_message`, which is also the queue the mailer
 * works from (a partial index finds the queued ones that are due); and each person's language, in which
 * their mail is written (Russian unless they chose English).
 */
export class MailOutbox1796500453016 implements MigrationInterface {
  name = 'MailOutbox1796500453016';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "language" text NOT NULL DEFAULT 'ru'`);
    await queryRunner.query(
      `CREATE TABLE "mail_message" ("id" SERIAL NOT NULL, "kind" text NOT NULL, "recipient_user_id" integer, "to_email" text NOT NULL, "to_name" text, "language" text NOT NULL, "subject" text NOT NULL, "text" text NOT NULL, "html" text NOT NULL, "status" text NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "idempotency_key" text NOT NULL, "cycle_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "next_attempt_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "mail_message_status_check" CHECK (status IN ('queued', 'sent', 'failed', 'not_sent')), CONSTRAINT "PK_d23285093ea237bc7632d4fcce9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "mail_message_idempotency_key" ON "mail_message" ("idempotency_key") `);
    await queryRunner.query(`CREATE INDEX "mail_message_by_created" ON "mail_message" ("created_at") `);
    await queryRunner.query(`CREATE INDEX "mail_message_by_recipient" ON "mail_message" ("recipient_user_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "mail_message_due" ON "mail_message" ("next_attempt_at") WHERE status = 'queued'`);
    await queryRunner.query(
      `ALTER TABLE "mail_message" ADD CONSTRAINT "FK_6c6f0319e6513475c869dafc99b" FOREIGN KEY ("recipient_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_message" ADD CONSTRAINT "FK_4afe06ae621d7cb13175818654c" FOREIGN KEY ("cycle_id") REFERENCES "cycle"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_message" DROP CONSTRAINT "FK_4afe06ae621d7cb13175818654c"`);
    await queryRunner.query(`ALTER TABLE "mail_message" DROP CONSTRAINT "FK_6c6f0319e6513475c869dafc99b"`);
    await queryRunner.query(`DROP INDEX "public"."mail_message_due"`);
    await queryRunner.query(`DROP INDEX "public"."mail_message_by_recipient"`);
    await queryRunner.query(`DROP INDEX "public"."mail_message_by_created"`);
    await queryRunner.query(`DROP INDEX "public"."mail_message_idempotency_key"`);
    await queryRunner.query(`DROP TABLE "mail_message"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "language"`);
  }
}
