import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795328746530 implements MigrationInterface {
  name = 'Foundation1795328746530';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "region" ("id" SERIAL NOT NULL, "name" text NOT NULL, "time_zone" text NOT NULL DEFAULT 'Europe/Moscow', CONSTRAINT "UQ_8d766fc1d4d2e72ecd5f6567a02" UNIQUE ("name"), CONSTRAINT "PK_5f48ffc3af96bc486f5f3f3a6da" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "municipality" ("id" SERIAL NOT NULL, "region_id" integer NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_281ad341f20df7c41b83a182e2a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0d18ab956fb1f80cfabeedccda" ON "municipality"  ("region_id", "name") `);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" SERIAL NOT NULL, "email" text NOT NULL, "full_name" text NOT NULL, "role" text NOT NULL, "municipality_id" integer, "institution" text, "password_hash" text, "active" boolean NOT NULL DEFAULT true, "failed_logins" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "app_user_officer_municipality_check" CHECK (role <> 'officer' OR municipality_id IS NOT NULL), CONSTRAINT "app_user_role_check" CHECK (role IN ('admin', 'officer', 'juror')), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3fa909d0e37c531ebc23770339" ON "app_user"  ("email") `);
    await queryRunner.query(`CREATE TABLE "invitation" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_beb994737756c0f18a1c1f8669c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b827d3749ffbb3b5ab5099afd6" ON "invitation"  ("token_hash") `);
    await queryRunner.query(`CREATE TABLE "session" ("sid" character varying NOT NULL, "sess" json NOT NULL, "expire" TIMESTAMP(6) NOT NULL, CONSTRAINT "PK_7575923e18b495ed2307ae629ae" PRIMARY KEY ("sid"))`);
    await queryRunner.query(`CREATE INDEX "session_expire_idx" ON "session"  ("expire") `);
    await queryRunner.query(`CREATE TABLE "login_throttle" ("key" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL, CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE TABLE "audit_event" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" integer, "cycle_id" integer, "entity" text NOT NULL, "entity_id" text NOT NULL, "action" text NOT NULL, "from_state" text, "to_state" text, "reason" text, "data" jsonb, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_06d570d7d1b40fbc994b5955be" ON "audit_event"  ("at") `);
    await queryRunner.query(`CREATE INDEX "IDX_f44b7e9c0d50176bc07e018f63" ON "audit_event"  ("actor_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_251cd291f4d2e575af7411f344" ON "audit_event"  ("cycle_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_8e9d45847131441c0d33afb025" ON "audit_event"  ("entity", "entity_id") `);
    await queryRunner.query(`ALTER TABLE "municipality" ADD CONSTRAINT "FK_8332d29fbc47c03df97cde72a33" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_6cecf0f20a41280d83a2cbb7390" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "FK_dbf801c80100c878509602456ff" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "FK_dbf801c80100c878509602456ff"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_6cecf0f20a41280d83a2cbb7390"`);
    await queryRunner.query(`ALTER TABLE "municipality" DROP CONSTRAINT "FK_8332d29fbc47c03df97cde72a33"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8e9d45847131441c0d33afb025"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_251cd291f4d2e575af7411f344"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f44b7e9c0d50176bc07e018f63"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_06d570d7d1b40fbc994b5955be"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP INDEX "public"."session_expire_idx"`);
    await queryRunner.query(`DROP TABLE "session"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b827d3749ffbb3b5ab5099afd6"`);
    await queryRunner.query(`DROP TABLE "invitation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3fa909d0e37c531ebc23770339"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0d18ab956fb1f80cfabeedccda"`);
    await queryRunner.query(`DROP TABLE "municipality"`);
    await queryRunner.query(`DROP TABLE "region"`);
  }
}
