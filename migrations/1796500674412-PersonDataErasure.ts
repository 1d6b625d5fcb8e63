import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data under 152-FZ (issue 14): the mark that a nomination's personal data was erased — by the retention
 * sweep, after a withdrawal of the consent to processing, or on the person's request — with when and by whom.
 */
export class PersonDataErasure1796500674412 implements MigrationInterface {
  name = 'PersonDataErasure1796500674412';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "person_data_erasure" ("nomination_id" integer NOT NULL, "reason" text NOT NULL, "erased_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" integer, CONSTRAINT "person_data_erasure_reason_check" CHECK (reason IN ('retention', 'withdrawal', 'request')), CONSTRAINT "PK_fba43a30ae853400910aa63ac07" PRIMARY KEY ("nomination_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "person_data_erasure" ADD CONSTRAINT "FK_fba43a30ae853400910aa63ac07" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person_data_erasure" ADD CONSTRAINT "FK_f29c5a0d090faa577947a1b12c1" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "person_data_erasure" DROP CONSTRAINT "FK_f29c5a0d090faa577947a1b12c1"`);
    await queryRunner.query(`ALTER TABLE "person_data_erasure" DROP CONSTRAINT "FK_fba43a30ae853400910aa63ac07"`);
    await queryRunner.query(`DROP TABLE "person_data_erasure"`);
  }
}
