import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data under 152-FZ (issue 14): each nomination's consent to publication (which of the nominee's data
 * may be public) and the withdrawals of consents the admin records. Existing nominations, published winners
 * included, get no publication consent: nothing of them is public until the admin records the consents the
 * people signed (README, "Personal data").
 */
export class Consents1796500571381 implements MigrationInterface {
  name = 'Consents1796500571381';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "publication_consent" ("nomination_id" integer NOT NULL, "full_name" boolean NOT NULL DEFAULT false, "position" boolean NOT NULL DEFAULT false, "institution" boolean NOT NULL DEFAULT false, "municipality" boolean NOT NULL DEFAULT false, "given_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "withdrawn_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_81f820bf63fd4d4a25153421a26" PRIMARY KEY ("nomination_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "consent_withdrawal" ("id" SERIAL NOT NULL, "nomination_id" integer NOT NULL, "scope" text NOT NULL, "requested_on" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" integer NOT NULL, "attachment_id" integer, "note" text NOT NULL DEFAULT '', CONSTRAINT "consent_withdrawal_scope_check" CHECK (scope IN ('processing', 'publication')), CONSTRAINT "PK_4e169f7762452fe2447ab0b1a6e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ee8164687abeeed90f4c3b3d68" ON "consent_withdrawal" ("nomination_id") `);
    await queryRunner.query(
      `ALTER TABLE "publication_consent" ADD CONSTRAINT "FK_81f820bf63fd4d4a25153421a26" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_withdrawal" ADD CONSTRAINT "FK_ee8164687abeeed90f4c3b3d682" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_withdrawal" ADD CONSTRAINT "FK_2e39a194cdd12ea6498717bf831" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_withdrawal" ADD CONSTRAINT "FK_1ab4a24e5031b1490866f1aabe2" FOREIGN KEY ("attachment_id") REFERENCES "attachment"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consent_withdrawal" DROP CONSTRAINT "FK_1ab4a24e5031b1490866f1aabe2"`);
    await queryRunner.query(`ALTER TABLE "consent_withdrawal" DROP CONSTRAINT "FK_2e39a194cdd12ea6498717bf831"`);
    await queryRunner.query(`ALTER TABLE "consent_withdrawal" DROP CONSTRAINT "FK_ee8164687abeeed90f4c3b3d682"`);
    await queryRunner.query(`ALTER TABLE "publication_consent" DROP CONSTRAINT "FK_81f820bf63fd4d4a25153421a26"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ee8164687abeeed90f4c3b3d68"`);
    await queryRunner.query(`DROP TABLE "consent_withdrawal"`);
    await queryRunner.query(`DROP TABLE "publication_consent"`);
  }
}
