import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The schema the last parts of programmes (issue 12) and events (issue 13) share: the coordinator and registrar
 * roles, a programme's ranking scope and each track's ranking, the allocation, the participants' offers and
 * outcomes, and events with their registrars and registrations.
 */
export class RolesAllocationsEvents1796500900000 implements MigrationInterface {
  name = 'RolesAllocationsEvents1796500900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // checks changed in place (the generator does not compare a check's expression)
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "app_user_role_check"`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "app_user_role_check" CHECK (role IN ('admin', 'officer', 'juror', 'coordinator', 'registrar'))`);
    await queryRunner.query(`ALTER TABLE "participant" DROP CONSTRAINT "participant_status_check"`);
    await queryRunner.query(`ALTER TABLE "participant" ADD CONSTRAINT "participant_status_check" CHECK (status IN ('offered','confirmed','declined','expired','completed','not_completed','withdrawn','moved'))`);
    await queryRunner.query(`CREATE TABLE "programme_allocation" ("id" SERIAL NOT NULL, "cycle_id" integer NOT NULL, "category_id" integer NOT NULL, "state" jsonb, "forced" jsonb NOT NULL DEFAULT '[]', "approved_at" TIMESTAMP WITH TIME ZONE, "approved_by_id" integer, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b38937b70058ed2c0aa7a1ff32f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d2e22bdaf118579b9e9fb9c339" ON "programme_allocation"  ("cycle_id", "category_id") `);
    await queryRunner.query(`CREATE TABLE "event" ("id" SERIAL NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "format" text NOT NULL DEFAULT 'in_person', "venue" text NOT NULL DEFAULT '', "join_url" text NOT NULL DEFAULT '', "capacity" integer NOT NULL, "registration_opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "registration_closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "participant_types" jsonb NOT NULL DEFAULT '[]', "required_fields" jsonb NOT NULL DEFAULT '[]', "consent_text" text NOT NULL, "cycle_id" integer, "published" boolean NOT NULL DEFAULT false, "last_number" integer NOT NULL DEFAULT '0', "last_certificate_number" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "event_required_fields_check" CHECK (jsonb_typeof(required_fields) = 'array'), CONSTRAINT "event_types_check" CHECK (jsonb_typeof(participant_types) = 'array'), CONSTRAINT "event_format_check" CHECK (format IN ('in_person','online','hybrid')), CONSTRAINT "event_registration_window_check" CHECK (registration_opens_at < registration_closes_at), CONSTRAINT "event_dates_check" CHECK (ends_at >= starts_at), CONSTRAINT "event_capacity_check" CHECK (capacity >= 1), CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9d0d870657c4fac264cdca048e" ON "event"  ("slug") `);
    await queryRunner.query(`CREATE TABLE "event_registrar" ("event_id" integer NOT NULL, "user_id" integer NOT NULL, CONSTRAINT "PK_689db9fa121e4f502940ff169c8" PRIMARY KEY ("event_id", "user_id"))`);
    await queryRunner.query(`CREATE TABLE "registration" ("id" SERIAL NOT NULL, "event_id" integer NOT NULL, "status" text NOT NULL, "number" integer, "badge_code" text, "last_name" text NOT NULL, "first_name" text NOT NULL, "patronymic" text NOT NULL DEFAULT '', "email" text NOT NULL, "phone" text NOT NULL DEFAULT '', "organisation" text NOT NULL DEFAULT '', "position" text NOT NULL DEFAULT '', "specialty" text NOT NULL DEFAULT '', "region" text NOT NULL DEFAULT '', "municipality_id" integer, "municipality_text" text NOT NULL DEFAULT '', "participant_type" text NOT NULL, "language" text NOT NULL DEFAULT 'ru', "token_hash" text NOT NULL, "consent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "nomination_id" integer, "invited_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_at" TIMESTAMP WITH TIME ZONE, "waiting_since" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "checked_in_at" TIMESTAMP WITH TIME ZONE, "checked_in_by_id" integer, "join_link_sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "registration_status_check" CHECK (status IN ('pending','invited','confirmed','waiting','cancelled')), CONSTRAINT "PK_cb23dc9d28df8801b15e9e2b8d6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e02eb368b430d9af3df6bd8812" ON "registration"  ("badge_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6d8a5896edfae5f0e41779b660" ON "registration"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "IDX_5b7cf147edfec5b7bc495e2b6a" ON "registration"  ("event_id", "last_name") `);
    await queryRunner.query(`CREATE INDEX "IDX_092bff0474816221c3fa8e1581" ON "registration"  ("event_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_970e775f9fd8515b2d99dad3b0" ON "registration"  ("event_id", "number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "registration_one_active_per_email" ON "registration"  ("event_id", "email") WHERE status IN ('pending','invited','confirmed','waiting')`);
    await queryRunner.query(`ALTER TABLE "cycle" ADD "ranking_scope" text NOT NULL DEFAULT 'programme'`);
    await queryRunner.query(`ALTER TABLE "track" ADD "category_id" integer`);
    await queryRunner.query(`ALTER TABLE "participant" ADD "nomination_id" integer`);
    await queryRunner.query(`ALTER TABLE "participant" ADD "offer_token_hash" text`);
    await queryRunner.query(`ALTER TABLE "participant" ADD "offer_expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "participant" ADD "hours_attended" integer`);
    await queryRunner.query(`ALTER TABLE "participant" ADD "outcome_reason" text`);
    await queryRunner.query(`ALTER TABLE "participant" ADD "outcome_by_id" integer`);
    await queryRunner.query(`CREATE INDEX "IDX_e6c4c2ceebfcb41a1fce427160" ON "track"  ("category_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_24ab80e84a6f9e9f4909a47003" ON "participant"  ("nomination_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_34d0437c1951895323863c2492" ON "participant"  ("offer_token_hash") `);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "app_user_coordinator_institution_check" CHECK (role <> 'coordinator' OR institution IS NOT NULL)`);
    await queryRunner.query(`ALTER TABLE "cycle" ADD CONSTRAINT "cycle_ranking_scope_check" CHECK (ranking_scope IN ('programme','track'))`);
    await queryRunner.query(`ALTER TABLE "track" ADD CONSTRAINT "FK_e6c4c2ceebfcb41a1fce4271600" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "participant" ADD CONSTRAINT "FK_24ab80e84a6f9e9f4909a470030" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "programme_allocation" ADD CONSTRAINT "FK_cbbaaf4603fd097c00fe19bb861" FOREIGN KEY ("cycle_id") REFERENCES "cycle"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "programme_allocation" ADD CONSTRAINT "FK_b66d61f735f125d709850e9832a" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_f89073466816eec06b1f8fbca6b" FOREIGN KEY ("cycle_id") REFERENCES "cycle"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_registrar" ADD CONSTRAINT "FK_234b0017c0523c47f79669506f8" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_registrar" ADD CONSTRAINT "FK_a7b5248cf49fa5cb3a049fc8f6c" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "registration" ADD CONSTRAINT "FK_e273290b4292fe15ea3b0d03511" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "registration" ADD CONSTRAINT "FK_bb0d7e7b1bdae31a6c233a97217" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "registration" ADD CONSTRAINT "FK_2e96162d2581654e9a3bf5f2586" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "registration" ADD CONSTRAINT "FK_50810cb59d8c472fcf7087fcf83" FOREIGN KEY ("checked_in_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "participant" DROP CONSTRAINT "participant_status_check"`);
    await queryRunner.query(`ALTER TABLE "participant" ADD CONSTRAINT "participant_status_check" CHECK (status IN ('offered','confirmed','declined','expired','completed','not_completed'))`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "app_user_role_check"`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "app_user_role_check" CHECK (role IN ('admin', 'officer', 'juror'))`);
    await queryRunner.query(`ALTER TABLE "registration" DROP CONSTRAINT "FK_50810cb59d8c472fcf7087fcf83"`);
    await queryRunner.query(`ALTER TABLE "registration" DROP CONSTRAINT "FK_2e96162d2581654e9a3bf5f2586"`);
    await queryRunner.query(`ALTER TABLE "registration" DROP CONSTRAINT "FK_bb0d7e7b1bdae31a6c233a97217"`);
    await queryRunner.query(`ALTER TABLE "registration" DROP CONSTRAINT "FK_e273290b4292fe15ea3b0d03511"`);
    await queryRunner.query(`ALTER TABLE "event_registrar" DROP CONSTRAINT "FK_a7b5248cf49fa5cb3a049fc8f6c"`);
    await queryRunner.query(`ALTER TABLE "event_registrar" DROP CONSTRAINT "FK_234b0017c0523c47f79669506f8"`);
    await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_f89073466816eec06b1f8fbca6b"`);
    await queryRunner.query(`ALTER TABLE "programme_allocation" DROP CONSTRAINT "FK_b66d61f735f125d709850e9832a"`);
    await queryRunner.query(`ALTER TABLE "programme_allocation" DROP CONSTRAINT "FK_cbbaaf4603fd097c00fe19bb861"`);
    await queryRunner.query(`ALTER TABLE "participant" DROP CONSTRAINT "FK_24ab80e84a6f9e9f4909a470030"`);
    await queryRunner.query(`ALTER TABLE "track" DROP CONSTRAINT "FK_e6c4c2ceebfcb41a1fce4271600"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP CONSTRAINT "cycle_ranking_scope_check"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "app_user_coordinator_institution_check"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_34d0437c1951895323863c2492"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_24ab80e84a6f9e9f4909a47003"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e6c4c2ceebfcb41a1fce427160"`);
    await queryRunner.query(`ALTER TABLE "participant" DROP COLUMN "outcome_by_id"`);
    await queryRunner.query(`ALTER TABLE "participant" DROP COLUMN "outcome_reason"`);
    await queryRunner.query(`ALTER TABLE "participant" DROP COLUMN "hours_attended"`);
    await queryRunner.query(`ALTER TABLE "participant" DROP COLUMN "offer_expires_at"`);
    await queryRunner.query(`ALTER TABLE "participant" DROP COLUMN "offer_token_hash"`);
    await queryRunner.query(`ALTER TABLE "participant" DROP COLUMN "nomination_id"`);
    await queryRunner.query(`ALTER TABLE "track" DROP COLUMN "category_id"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP COLUMN "ranking_scope"`);
    await queryRunner.query(`DROP INDEX "public"."registration_one_active_per_email"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_970e775f9fd8515b2d99dad3b0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_092bff0474816221c3fa8e1581"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5b7cf147edfec5b7bc495e2b6a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6d8a5896edfae5f0e41779b660"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e02eb368b430d9af3df6bd8812"`);
    await queryRunner.query(`DROP TABLE "registration"`);
    await queryRunner.query(`DROP TABLE "event_registrar"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9d0d870657c4fac264cdca048e"`);
    await queryRunner.query(`DROP TABLE "event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d2e22bdaf118579b9e9fb9c339"`);
    await queryRunner.query(`DROP TABLE "programme_allocation"`);
  }
}
