import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Nominations1795329363116 implements MigrationInterface {
  name = 'Nominations1795329363116';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "cycle" ("id" SERIAL NOT NULL, "region_id" integer NOT NULL, "name" text NOT NULL, "slug" text NOT NULL, "code" text NOT NULL, "year" integer NOT NULL, "description" text NOT NULL DEFAULT '', "status" text NOT NULL DEFAULT 'draft', "nominations_start" TIMESTAMP WITH TIME ZONE, "nominations_end" TIMESTAMP WITH TIME ZONE, "screening_start" TIMESTAMP WITH TIME ZONE, "screening_end" TIMESTAMP WITH TIME ZONE, "judging_start" TIMESTAMP WITH TIME ZONE, "judging_end" TIMESTAMP WITH TIME ZONE, "deliberation_start" TIMESTAMP WITH TIME ZONE, "deliberation_end" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "cycle_nominations_window_check" CHECK (nominations_start IS NULL OR nominations_end IS NULL OR nominations_start < nominations_end), CONSTRAINT "cycle_code_check" CHECK (code ~ '^[A-Z]{2,10}$'), CONSTRAINT "cycle_status_check" CHECK (status IN ('draft','nominations_open','screening','judging','deliberation','approved','published','archived')), CONSTRAINT "PK_af5984cb5853f1f88109c9ea2b7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_fc9e7c4e6d0a6889bdb048344f" ON "cycle"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "IDX_02153c8febebcaa8fde0d2446c" ON "cycle"  ("status") `);
    await queryRunner.query(`CREATE TABLE "category" ("id" SERIAL NOT NULL, "cycle_id" integer NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "max_winners" integer NOT NULL DEFAULT '1', "quota_per_municipality" integer, "min_years_practice" integer NOT NULL DEFAULT '0', "past_winners_excluded_years" integer NOT NULL DEFAULT '0', "required_documents" text array NOT NULL DEFAULT '{}', "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "category_past_winners_check" CHECK (past_winners_excluded_years >= 0), CONSTRAINT "category_min_years_check" CHECK (min_years_practice >= 0), CONSTRAINT "category_quota_check" CHECK (quota_per_municipality IS NULL OR quota_per_municipality >= 1), CONSTRAINT "category_max_winners_check" CHECK (max_winners >= 1), CONSTRAINT "PK_9c4e4a89e3674fc9f382d733f03" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ad7035233a1212232ba6aedf5c" ON "category"  ("cycle_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_842b5ea629de1e9ab2a683533d" ON "category"  ("cycle_id", "name") `);
    await queryRunner.query(`CREATE TABLE "nominee" ("id" SERIAL NOT NULL, "municipality_id" integer NOT NULL, "last_name" text NOT NULL DEFAULT '', "first_name" text NOT NULL DEFAULT '', "patronymic" text NOT NULL DEFAULT '', "position" text NOT NULL DEFAULT '', "institution" text NOT NULL DEFAULT '', "specialty" text NOT NULL DEFAULT '', "years_of_practice" integer, "phone" text NOT NULL DEFAULT '', "email" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_85bc5f9ba4c410faccb535a7ade" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_438087a0ae3623fc260c6715e0" ON "nominee"  ("municipality_id", "last_name", "first_name") `);
    await queryRunner.query(`CREATE TABLE "nomination" ("id" SERIAL NOT NULL, "cycle_id" integer NOT NULL, "category_id" integer, "nominee_id" integer NOT NULL, "municipality_id" integer NOT NULL, "author_id" integer NOT NULL, "achievements" text NOT NULL DEFAULT '', "motivation" text NOT NULL DEFAULT '', "status" text NOT NULL DEFAULT 'draft', "status_reason" text, "place" integer, "submitted_at" TIMESTAMP WITH TIME ZONE, "decided_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "nomination_status_check" CHECK (status IN ('draft','submitted','returned','accepted','rejected','withdrawn','winner','not_awarded')), CONSTRAINT "PK_52e10255e966818cbebfc0f1144" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_b8faaa3ab5fc0c7f5cc2f25ae2" ON "nomination"  ("category_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_628f4e07948af6d6eb9683467d" ON "nomination"  ("municipality_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_3b1c5520a3fa726ff917387af2" ON "nomination"  ("cycle_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "nomination_one_active_per_nominee" ON "nomination"  ("cycle_id", "category_id", "nominee_id") WHERE status IN ('submitted','returned','accepted','winner','not_awarded')`);
    await queryRunner.query(`CREATE TABLE "attachment" ("id" SERIAL NOT NULL, "nomination_id" integer NOT NULL, "kind" text NOT NULL DEFAULT 'other', "file_name" text NOT NULL, "mime" text NOT NULL, "size" integer NOT NULL, "sha256" text NOT NULL, "data" bytea NOT NULL, "uploaded_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "attachment_mime_check" CHECK (mime IN ('application/pdf','image/jpeg','image/png')), CONSTRAINT "attachment_size_check" CHECK (size > 0 AND size <= 10485760), CONSTRAINT "PK_d2a80c3a8d467f08a750ac4b420" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_49dea64dc8cbfbd9614bf7d0e0" ON "attachment"  ("nomination_id") `);
    await queryRunner.query(`ALTER TABLE "cycle" ADD CONSTRAINT "FK_54720b2f7a557033b6edc1beaa4" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "category" ADD CONSTRAINT "FK_ad7035233a1212232ba6aedf5c5" FOREIGN KEY ("cycle_id") REFERENCES "cycle"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "nominee" ADD CONSTRAINT "FK_610d96a458bb09d6bf92786e4c0" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD CONSTRAINT "FK_f17c34c49eca09a0a71eb04fc92" FOREIGN KEY ("cycle_id") REFERENCES "cycle"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD CONSTRAINT "FK_b8faaa3ab5fc0c7f5cc2f25ae2b" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD CONSTRAINT "FK_264df3f11d23f858e046522985a" FOREIGN KEY ("nominee_id") REFERENCES "nominee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD CONSTRAINT "FK_628f4e07948af6d6eb9683467d0" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD CONSTRAINT "FK_941a51cc101915811cca8b60660" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "attachment" ADD CONSTRAINT "FK_49dea64dc8cbfbd9614bf7d0e08" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachment" DROP CONSTRAINT "FK_49dea64dc8cbfbd9614bf7d0e08"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP CONSTRAINT "FK_941a51cc101915811cca8b60660"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP CONSTRAINT "FK_628f4e07948af6d6eb9683467d0"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP CONSTRAINT "FK_264df3f11d23f858e046522985a"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP CONSTRAINT "FK_b8faaa3ab5fc0c7f5cc2f25ae2b"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP CONSTRAINT "FK_f17c34c49eca09a0a71eb04fc92"`);
    await queryRunner.query(`ALTER TABLE "nominee" DROP CONSTRAINT "FK_610d96a458bb09d6bf92786e4c0"`);
    await queryRunner.query(`ALTER TABLE "category" DROP CONSTRAINT "FK_ad7035233a1212232ba6aedf5c5"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP CONSTRAINT "FK_54720b2f7a557033b6edc1beaa4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_49dea64dc8cbfbd9614bf7d0e0"`);
    await queryRunner.query(`DROP TABLE "attachment"`);
    await queryRunner.query(`DROP INDEX "public"."nomination_one_active_per_nominee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3b1c5520a3fa726ff917387af2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_628f4e07948af6d6eb9683467d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b8faaa3ab5fc0c7f5cc2f25ae2"`);
    await queryRunner.query(`DROP TABLE "nomination"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_438087a0ae3623fc260c6715e0"`);
    await queryRunner.query(`DROP TABLE "nominee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_842b5ea629de1e9ab2a683533d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ad7035233a1212232ba6aedf5c"`);
    await queryRunner.query(`DROP TABLE "category"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_02153c8febebcaa8fde0d2446c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fc9e7c4e6d0a6889bdb048344f"`);
    await queryRunner.query(`DROP TABLE "cycle"`);
  }
}
