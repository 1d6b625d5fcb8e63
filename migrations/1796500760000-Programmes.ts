import type { MigrationInterface, QueryRunner } from 'typeorm';

const AWARD_STATUSES = `'draft','nominations_open','screening','judging','deliberation','approved','published','archived'`;
const PROGRAMME_STATUSES = `'allocation','confirmation','training','completion','closed'`;

/**
 * Programmes of internships and training (issue 12): a cycle gains a kind (every existing cycle is an award)
 * and the phases a programme has after selection; a programme has tracks instead of categories, and each
 * application ranks up to three of them.
 */
export class Programmes1796500760000 implements MigrationInterface {
  name = 'Programmes1796500760000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cycle" ADD "kind" text NOT NULL DEFAULT 'award'`);
    await queryRunner.query(`ALTER TABLE "cycle" ADD CONSTRAINT "cycle_kind_check" CHECK (kind IN ('award','programme'))`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP CONSTRAINT "cycle_status_check"`);
    await queryRunner.query(`ALTER TABLE "cycle" ADD CONSTRAINT "cycle_status_check" CHECK (status IN (${AWARD_STATUSES},${PROGRAMME_STATUSES}))`);
    await queryRunner.query(
      `CREATE TABLE "track" ("id" SERIAL NOT NULL, "cycle_id" integer NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "host_institution" text NOT NULL, "city" text NOT NULL, "country" text NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "academic_hours" integer NOT NULL, "format" text NOT NULL, "places" integer NOT NULL, "quota_per_municipality" integer, "min_years_practice" integer NOT NULL DEFAULT '0', "specialty" text NOT NULL DEFAULT '', "language" text NOT NULL DEFAULT '', "language_level" text, "required_documents" jsonb NOT NULL DEFAULT '[]', "place_method" text NOT NULL DEFAULT 'competitive', "sort_order" integer NOT NULL DEFAULT '0', ` +
        `CONSTRAINT "track_required_documents_check" CHECK (jsonb_typeof(required_documents) = 'array'), ` +
        `CONSTRAINT "track_language_level_check" CHECK (language_level IS NULL OR language_level IN ('A1','A2','B1','B2','C1','C2')), ` +
        `CONSTRAINT "track_place_method_check" CHECK (place_method IN ('competitive','direct')), ` +
        `CONSTRAINT "track_format_check" CHECK (format IN ('in_person','remote','blended')), ` +
        `CONSTRAINT "track_min_years_check" CHECK (min_years_practice >= 0), ` +
        `CONSTRAINT "track_quota_check" CHECK (quota_per_municipality IS NULL OR quota_per_municipality >= 1), ` +
        `CONSTRAINT "track_places_check" CHECK (places >= 1), ` +
        `CONSTRAINT "track_hours_check" CHECK (academic_hours >= 1), ` +
        `CONSTRAINT "track_dates_check" CHECK (end_date >= start_date), ` +
        `CONSTRAINT "PK_0631b9bcf521f8fab3a15f2c37e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e1cd94f6a929bac4461ed67b7f" ON "track" ("cycle_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_102f0e9e25b866e457024341c8" ON "track" ("cycle_id", "name") `);
    await queryRunner.query(
      `ALTER TABLE "track" ADD CONSTRAINT "FK_e1cd94f6a929bac4461ed67b7fb" FOREIGN KEY ("cycle_id") REFERENCES "cycle"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "track_preference" ("nomination_id" integer NOT NULL, "rank" integer NOT NULL, "track_id" integer NOT NULL, ` +
        `CONSTRAINT "track_preference_rank_check" CHECK (rank BETWEEN 1 AND 3), CONSTRAINT "PK_939c6e9d59a2da9f0bab98dddc8" PRIMARY KEY ("nomination_id", "rank"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_d9e1590fa2c61ff8501d961aa8" ON "track_preference" ("track_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e2fa75105ff0e1f864d5dcc169" ON "track_preference" ("nomination_id", "track_id") `);
    await queryRunner.query(
      `ALTER TABLE "track_preference" ADD CONSTRAINT "FK_316f3af5fe5174a6ae44ebf0820" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "track_preference" ADD CONSTRAINT "FK_d9e1590fa2c61ff8501d961aa8a" FOREIGN KEY ("track_id") REFERENCES "track"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "track_preference" DROP CONSTRAINT "FK_d9e1590fa2c61ff8501d961aa8a"`);
    await queryRunner.query(`ALTER TABLE "track_preference" DROP CONSTRAINT "FK_316f3af5fe5174a6ae44ebf0820"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e2fa75105ff0e1f864d5dcc169"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d9e1590fa2c61ff8501d961aa8"`);
    await queryRunner.query(`DROP TABLE "track_preference"`);
    await queryRunner.query(`ALTER TABLE "track" DROP CONSTRAINT "FK_e1cd94f6a929bac4461ed67b7fb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_102f0e9e25b866e457024341c8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e1cd94f6a929bac4461ed67b7f"`);
    await queryRunner.query(`DROP TABLE "track"`);
    // a programme cannot be kept as an award: it has neither categories nor the award's later phases
    await queryRunner.query(`DELETE FROM "cycle" WHERE kind = 'programme'`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP CONSTRAINT "cycle_status_check"`);
    await queryRunner.query(`ALTER TABLE "cycle" ADD CONSTRAINT "cycle_status_check" CHECK (status IN (${AWARD_STATUSES}))`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP CONSTRAINT "cycle_kind_check"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP COLUMN "kind"`);
  }
}
