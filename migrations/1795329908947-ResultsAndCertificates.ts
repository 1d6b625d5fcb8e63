import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ResultsAndCertificates1795329908947 implements MigrationInterface {
  name = 'ResultsAndCertificates1795329908947';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "deliberation" ("id" SERIAL NOT NULL, "category_id" integer NOT NULL, "winners" jsonb, "overrides" jsonb NOT NULL DEFAULT '[]', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_e0431333e878a34e60107850be" UNIQUE ("category_id"), CONSTRAINT "PK_b4b2707b3ca7a3e2ae7bf6356eb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e0431333e878a34e60107850be" ON "deliberation"  ("category_id") `);
    await queryRunner.query(`CREATE TABLE "result_snapshot" ("id" SERIAL NOT NULL, "cycle_id" integer NOT NULL, "category_id" integer NOT NULL, "method" text NOT NULL, "input_hash" text NOT NULL, "input" jsonb NOT NULL, "output" jsonb NOT NULL, "winners" jsonb NOT NULL, "approved_by_id" integer NOT NULL, "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, "superseded_reason" text, CONSTRAINT "PK_386298a506d96907d5eef377f54" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_07b71412417b584afbb8269f50" ON "result_snapshot"  ("cycle_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_6fdc4efd751c74d651930607d0" ON "result_snapshot"  ("category_id", "superseded_at") `);
    await queryRunner.query(`CREATE TABLE "certificate_template" ("id" SERIAL NOT NULL, "cycle_id" integer NOT NULL, "kind" text NOT NULL, "version" integer NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "signatories" jsonb NOT NULL DEFAULT '[]', "accent_color" text NOT NULL DEFAULT '#1d4f91', "emblem" bytea, "emblem_mime" text, "background" bytea, "background_mime" text, "created_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "certificate_template_kind_check" CHECK (kind IN ('winner', 'nominee', 'juror')), CONSTRAINT "PK_ebcee895a1bd52ba466be9669ea" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_adf93027a32a67ea56aa156f50" ON "certificate_template"  ("cycle_id", "kind", "version") `);
    await queryRunner.query(`CREATE TABLE "certificate" ("id" SERIAL NOT NULL, "cycle_id" integer NOT NULL, "kind" text NOT NULL, "seq" integer NOT NULL, "number" text NOT NULL, "code" text NOT NULL, "template_id" integer NOT NULL, "holder_name" text NOT NULL, "nomination_id" integer, "juror_id" integer, "category_id" integer, "place" integer, "printed" jsonb NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "issued_by_id" integer, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, "replaced_by_id" integer, CONSTRAINT "certificate_kind_check" CHECK (kind IN ('winner', 'nominee', 'juror')), CONSTRAINT "PK_8daddfc65f59e341c2bbc9c9e43" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6cacdcb9a0b6c4dd02bf699af8" ON "certificate"  ("number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9c263067e4ed9782c88b4b347e" ON "certificate"  ("code") `);
    await queryRunner.query(`CREATE INDEX "IDX_1eb72dd3e2d5d8177117d3328f" ON "certificate"  ("nomination_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6e2b243f862999049d79d43714" ON "certificate"  ("cycle_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "certificate_counter" ("cycle_id" integer NOT NULL, "last_seq" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_0facdd459b291c5062922513c1c" PRIMARY KEY ("cycle_id"))`);
    await queryRunner.query(`ALTER TABLE "cycle" ADD "results_method" text NOT NULL DEFAULT 'zscore'`);
    await queryRunner.query(`ALTER TABLE "cycle" ADD "public_scores" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "cycle" ADD "approved_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "cycle" ADD "published_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "cycle" ADD CONSTRAINT "cycle_results_method_check" CHECK (results_method IN ('zscore', 'raw', 'offset', 'trimmed'))`);
    await queryRunner.query(`ALTER TABLE "deliberation" ADD CONSTRAINT "FK_e0431333e878a34e60107850bec" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "result_snapshot" ADD CONSTRAINT "FK_07b71412417b584afbb8269f500" FOREIGN KEY ("cycle_id") REFERENCES "cycle"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "result_snapshot" ADD CONSTRAINT "FK_5cdc90287280deddd8b4732d1c4" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificate_template" ADD CONSTRAINT "FK_c5c8e5a868e226687e5edd5807a" FOREIGN KEY ("cycle_id") REFERENCES "cycle"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificate" ADD CONSTRAINT "FK_302d009e9bf54c15315da5c8d4a" FOREIGN KEY ("cycle_id") REFERENCES "cycle"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificate" ADD CONSTRAINT "FK_ebcee895a1bd52ba466be9669ea" FOREIGN KEY ("template_id") REFERENCES "certificate_template"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "FK_ebcee895a1bd52ba466be9669ea"`);
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "FK_302d009e9bf54c15315da5c8d4a"`);
    await queryRunner.query(`ALTER TABLE "certificate_template" DROP CONSTRAINT "FK_c5c8e5a868e226687e5edd5807a"`);
    await queryRunner.query(`ALTER TABLE "result_snapshot" DROP CONSTRAINT "FK_5cdc90287280deddd8b4732d1c4"`);
    await queryRunner.query(`ALTER TABLE "result_snapshot" DROP CONSTRAINT "FK_07b71412417b584afbb8269f500"`);
    await queryRunner.query(`ALTER TABLE "deliberation" DROP CONSTRAINT "FK_e0431333e878a34e60107850bec"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP CONSTRAINT "cycle_results_method_check"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP COLUMN "published_at"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP COLUMN "approved_at"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP COLUMN "public_scores"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP COLUMN "results_method"`);
    await queryRunner.query(`DROP TABLE "certificate_counter"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6e2b243f862999049d79d43714"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1eb72dd3e2d5d8177117d3328f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9c263067e4ed9782c88b4b347e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6cacdcb9a0b6c4dd02bf699af8"`);
    await queryRunner.query(`DROP TABLE "certificate"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_adf93027a32a67ea56aa156f50"`);
    await queryRunner.query(`DROP TABLE "certificate_template"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6fdc4efd751c74d651930607d0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_07b71412417b584afbb8269f50"`);
    await queryRunner.query(`DROP TABLE "result_snapshot"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e0431333e878a34e60107850be"`);
    await queryRunner.query(`DROP TABLE "deliberation"`);
  }
}
