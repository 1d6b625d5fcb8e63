import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The participants of a programme's tracks (issue 12): people offered or holding a place, from the allocation
 * or a delegation's imported list, one address per track; a delegation from another country names its
 * organisation instead of a municipality of the region.
 */
export class ProgrammeParticipants1796500800000 implements MigrationInterface {
  name = 'ProgrammeParticipants1796500800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "participant" ("id" SERIAL NOT NULL, "track_id" integer NOT NULL, "last_name" text NOT NULL, "first_name" text NOT NULL, "patronymic" text NOT NULL DEFAULT '', "position" text NOT NULL, "institution" text NOT NULL, "municipality_id" integer, "organisation" text NOT NULL DEFAULT '', "email" text NOT NULL, "source" text NOT NULL, "status" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status_changed_at" TIMESTAMP WITH TIME ZONE, ` +
        `CONSTRAINT "participant_origin_check" CHECK (municipality_id IS NOT NULL OR organisation <> ''), ` +
        `CONSTRAINT "participant_source_check" CHECK (source IN ('allocation','delegation')), ` +
        `CONSTRAINT "participant_status_check" CHECK (status IN ('offered','confirmed','declined','expired','completed','not_completed')), ` +
        `CONSTRAINT "PK_64da4237f502041781ca15d4c41" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_1a5faeb85d2f969104f58a5a24" ON "participant" ("municipality_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f2f218bd3418beb83b7f163b3e" ON "participant" ("track_id", "email") `);
    await queryRunner.query(
      `ALTER TABLE "participant" ADD CONSTRAINT "FK_20171107c14c581dc7440581bc8" FOREIGN KEY ("track_id") REFERENCES "track"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participant" ADD CONSTRAINT "FK_1a5faeb85d2f969104f58a5a241" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "participant" DROP CONSTRAINT "FK_1a5faeb85d2f969104f58a5a241"`);
    await queryRunner.query(`ALTER TABLE "participant" DROP CONSTRAINT "FK_20171107c14c581dc7440581bc8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f2f218bd3418beb83b7f163b3e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1a5faeb85d2f969104f58a5a24"`);
    await queryRunner.query(`DROP TABLE "participant"`);
  }
}
