import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset (issue 11): the one-time links a person who forgot their password asks for on /login,
 * by the SHA-256 of their token; the index by person and time serves "a new link ends the older ones"
 * and the hourly cap on links per person.
 */
export class PasswordReset1796500531655 implements MigrationInterface {
  name = 'PasswordReset1796500531655';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "password_reset" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8515e60a2cc41584fa4784f52ce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "password_reset_token_hash" ON "password_reset" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "password_reset_by_user" ON "password_reset" ("user_id", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "password_reset" ADD CONSTRAINT "FK_ad88301fdc79593dd222268a8b6" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "password_reset" DROP CONSTRAINT "FK_ad88301fdc79593dd222268a8b6"`);
    await queryRunner.query(`DROP INDEX "public"."password_reset_by_user"`);
    await queryRunner.query(`DROP INDEX "public"."password_reset_token_hash"`);
    await queryRunner.query(`DROP TABLE "password_reset"`);
  }
}
