import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Jury1795329734325 implements MigrationInterface {
  name = 'Jury1795329734325';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "criterion" ("id" SERIAL NOT NULL, "category_id" integer NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "weight" double precision NOT NULL, "scale_min" integer NOT NULL, "scale_max" integer NOT NULL, "rubric" jsonb NOT NULL DEFAULT '[]', "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "criterion_scale_check" CHECK (scale_min < scale_max), CONSTRAINT "criterion_weight_check" CHECK (weight > 0), CONSTRAINT "PK_a69d2ffbb1ef3ebea02d895e92f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d8706d7fb87d2ce3255d955a1d" ON "criterion"  ("category_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4f48cdd56f5845c17f7affd515" ON "criterion"  ("category_id", "name") `);
    await queryRunner.query(`CREATE TABLE "panel" ("id" SERIAL NOT NULL, "category_id" integer NOT NULL, "chair_id" integer, "assignment_mode" text NOT NULL DEFAULT 'all', "jurors_per_nomination" integer, CONSTRAINT "REL_ba9d73747848c3b10169325264" UNIQUE ("category_id"), CONSTRAINT "panel_k_check" CHECK (assignment_mode = 'all' OR jurors_per_nomination >= 1), CONSTRAINT "panel_mode_check" CHECK (assignment_mode IN ('all', 'k')), CONSTRAINT "PK_bbd5674b69f7448974aa41ab347" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ba9d73747848c3b10169325264" ON "panel"  ("category_id") `);
    await queryRunner.query(`CREATE TABLE "panel_member" ("id" SERIAL NOT NULL, "panel_id" integer NOT NULL, "juror_id" integer NOT NULL, CONSTRAINT "PK_52e42d0948ead17bf9f132091fa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fb191b0d66b330ee6402e4ec57" ON "panel_member"  ("juror_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1a891727113da851f28dafb181" ON "panel_member"  ("panel_id", "juror_id") `);
    await queryRunner.query(`CREATE TABLE "assignment" ("id" SERIAL NOT NULL, "juror_id" integer NOT NULL, "nomination_id" integer NOT NULL, "confirmed_no_conflict_at" TIMESTAMP WITH TIME ZONE, "assigned_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_43c2f5a3859f54cedafb270f37e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_c05be8217c394f7a453cea9e1a" ON "assignment"  ("juror_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_e9b9a797e296ef6a829ed96030" ON "assignment"  ("nomination_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_98c90b403c353f89bcfba63e83" ON "assignment"  ("nomination_id", "juror_id") `);
    await queryRunner.query(`CREATE TABLE "conflict" ("id" SERIAL NOT NULL, "juror_id" integer NOT NULL, "nomination_id" integer NOT NULL, "kind" text NOT NULL, "reason" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "conflict_kind_check" CHECK (kind IN ('municipality', 'institution', 'declared')), CONSTRAINT "PK_f4b2f9c648b86fb42725e336dc5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_da2b7e54173d65c8f21124ea0a" ON "conflict"  ("juror_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_88e5b792ba3c805d59d5297fd3" ON "conflict"  ("nomination_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_aba7d023a08d6cc4846ae4fc07" ON "conflict"  ("juror_id", "nomination_id", "kind") `);
    await queryRunner.query(`CREATE TABLE "scorecard" ("id" SERIAL NOT NULL, "juror_id" integer NOT NULL, "nomination_id" integer NOT NULL, "status" text NOT NULL DEFAULT 'draft', "comment" text NOT NULL DEFAULT '', "weighted_total" double precision, "submitted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "scorecard_status_check" CHECK (status IN ('draft', 'submitted')), CONSTRAINT "PK_bcadf4539dab46678db1748dcd1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_b0039ff6fe5b01be0e49a9462e" ON "scorecard"  ("juror_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_42e0e1967b9b3eb3df6e81ed94" ON "scorecard"  ("nomination_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_99defdbd73bff97fdc8af54e68" ON "scorecard"  ("juror_id", "nomination_id") `);
    await queryRunner.query(`CREATE TABLE "score" ("id" SERIAL NOT NULL, "scorecard_id" integer NOT NULL, "criterion_id" integer NOT NULL, "value" integer NOT NULL, CONSTRAINT "PK_1770f42c61451103f5514134078" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9eb6f2e65ea59e1adbab1eb98e" ON "score"  ("criterion_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_871921c2aa5dcfbb157c30cf73" ON "score"  ("scorecard_id", "criterion_id") `);
    await queryRunner.query(`CREATE TABLE "score_history" ("id" SERIAL NOT NULL, "scorecard_id" integer NOT NULL, "changed_by_id" integer NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "previous_status" text NOT NULL, "previous_scores" jsonb NOT NULL, "previous_comment" text NOT NULL DEFAULT '', CONSTRAINT "PK_4db9bfe50f50c7737fc04c2fb2a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_cf7fc547970ce0b5bfa435af20" ON "score_history"  ("scorecard_id") `);
    await queryRunner.query(`ALTER TABLE "cycle" ADD "blind_judging" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "criterion" ADD CONSTRAINT "FK_d8706d7fb87d2ce3255d955a1d5" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "panel" ADD CONSTRAINT "FK_ba9d73747848c3b10169325264e" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "panel" ADD CONSTRAINT "FK_eb4245e11d39c8a05b4da8c1eb7" FOREIGN KEY ("chair_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "panel_member" ADD CONSTRAINT "FK_b721006f03f653332d8eee6284a" FOREIGN KEY ("panel_id") REFERENCES "panel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "panel_member" ADD CONSTRAINT "FK_fb191b0d66b330ee6402e4ec576" FOREIGN KEY ("juror_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "FK_c05be8217c394f7a453cea9e1a0" FOREIGN KEY ("juror_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "FK_e9b9a797e296ef6a829ed960302" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "conflict" ADD CONSTRAINT "FK_da2b7e54173d65c8f21124ea0a3" FOREIGN KEY ("juror_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "conflict" ADD CONSTRAINT "FK_88e5b792ba3c805d59d5297fd3f" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scorecard" ADD CONSTRAINT "FK_b0039ff6fe5b01be0e49a9462ec" FOREIGN KEY ("juror_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scorecard" ADD CONSTRAINT "FK_42e0e1967b9b3eb3df6e81ed947" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "score" ADD CONSTRAINT "FK_4344b5423b473fb971ee1c540be" FOREIGN KEY ("scorecard_id") REFERENCES "scorecard"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "score" ADD CONSTRAINT "FK_9eb6f2e65ea59e1adbab1eb98e8" FOREIGN KEY ("criterion_id") REFERENCES "criterion"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "score_history" ADD CONSTRAINT "FK_cf7fc547970ce0b5bfa435af201" FOREIGN KEY ("scorecard_id") REFERENCES "scorecard"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // A score must lie inside its criterion's scale: checked by the app and enforced here via the criterion.
    await queryRunner.query(`CREATE FUNCTION score_in_scale() RETURNS trigger AS $$
      DECLARE lo integer; hi integer;
      BEGIN
        SELECT scale_min, scale_max INTO lo, hi FROM criterion WHERE id = NEW.criterion_id;
        IF NEW.value < lo OR NEW.value > hi THEN
          RAISE EXCEPTION 'score % is outside the scale % to % of criterion %', NEW.value, lo, hi, NEW.criterion_id USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await queryRunner.query(`CREATE TRIGGER score_in_scale BEFORE INSERT OR UPDATE ON score FOR EACH ROW EXECUTE FUNCTION score_in_scale()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER score_in_scale ON score`);
    await queryRunner.query(`DROP FUNCTION score_in_scale()`);
    await queryRunner.query(`ALTER TABLE "score_history" DROP CONSTRAINT "FK_cf7fc547970ce0b5bfa435af201"`);
    await queryRunner.query(`ALTER TABLE "score" DROP CONSTRAINT "FK_9eb6f2e65ea59e1adbab1eb98e8"`);
    await queryRunner.query(`ALTER TABLE "score" DROP CONSTRAINT "FK_4344b5423b473fb971ee1c540be"`);
    await queryRunner.query(`ALTER TABLE "scorecard" DROP CONSTRAINT "FK_42e0e1967b9b3eb3df6e81ed947"`);
    await queryRunner.query(`ALTER TABLE "scorecard" DROP CONSTRAINT "FK_b0039ff6fe5b01be0e49a9462ec"`);
    await queryRunner.query(`ALTER TABLE "conflict" DROP CONSTRAINT "FK_88e5b792ba3c805d59d5297fd3f"`);
    await queryRunner.query(`ALTER TABLE "conflict" DROP CONSTRAINT "FK_da2b7e54173d65c8f21124ea0a3"`);
    await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "FK_e9b9a797e296ef6a829ed960302"`);
    await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "FK_c05be8217c394f7a453cea9e1a0"`);
    await queryRunner.query(`ALTER TABLE "panel_member" DROP CONSTRAINT "FK_fb191b0d66b330ee6402e4ec576"`);
    await queryRunner.query(`ALTER TABLE "panel_member" DROP CONSTRAINT "FK_b721006f03f653332d8eee6284a"`);
    await queryRunner.query(`ALTER TABLE "panel" DROP CONSTRAINT "FK_eb4245e11d39c8a05b4da8c1eb7"`);
    await queryRunner.query(`ALTER TABLE "panel" DROP CONSTRAINT "FK_ba9d73747848c3b10169325264e"`);
    await queryRunner.query(`ALTER TABLE "criterion" DROP CONSTRAINT "FK_d8706d7fb87d2ce3255d955a1d5"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP COLUMN "blind_judging"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cf7fc547970ce0b5bfa435af20"`);
    await queryRunner.query(`DROP TABLE "score_history"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_871921c2aa5dcfbb157c30cf73"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9eb6f2e65ea59e1adbab1eb98e"`);
    await queryRunner.query(`DROP TABLE "score"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_99defdbd73bff97fdc8af54e68"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_42e0e1967b9b3eb3df6e81ed94"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b0039ff6fe5b01be0e49a9462e"`);
    await queryRunner.query(`DROP TABLE "scorecard"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_aba7d023a08d6cc4846ae4fc07"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_88e5b792ba3c805d59d5297fd3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_da2b7e54173d65c8f21124ea0a"`);
    await queryRunner.query(`DROP TABLE "conflict"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_98c90b403c353f89bcfba63e83"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e9b9a797e296ef6a829ed96030"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c05be8217c394f7a453cea9e1a"`);
    await queryRunner.query(`DROP TABLE "assignment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1a891727113da851f28dafb181"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fb191b0d66b330ee6402e4ec57"`);
    await queryRunner.query(`DROP TABLE "panel_member"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ba9d73747848c3b10169325264"`);
    await queryRunner.query(`DROP TABLE "panel"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4f48cdd56f5845c17f7affd515"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d8706d7fb87d2ce3255d955a1d"`);
    await queryRunner.query(`DROP TABLE "criterion"`);
  }
}
