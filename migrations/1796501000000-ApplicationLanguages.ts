import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The language levels an application to a programme declares (issue 12), checked against its tracks' languages. */
export class ApplicationLanguages1796501000000 implements MigrationInterface {
  name = 'ApplicationLanguages1796501000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "application_languages" ("nomination_id" integer NOT NULL, "levels" jsonb NOT NULL DEFAULT '{}', ` +
        `CONSTRAINT "application_languages_levels_check" CHECK (jsonb_typeof(levels) = 'object'), ` +
        `CONSTRAINT "PK_4101769dbdba4e4cd265ccbec77" PRIMARY KEY ("nomination_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_languages" ADD CONSTRAINT "FK_4101769dbdba4e4cd265ccbec77" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application_languages" DROP CONSTRAINT "FK_4101769dbdba4e4cd265ccbec77"`);
    await queryRunner.query(`DROP TABLE "application_languages"`);
  }
}
