import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates of completion of a programme's track (issue 12): a fourth kind of certificate, held by a
 * participant (who may have no nomination: a delegation's member), so a certificate names its participant.
 */
export class CompletionCertificates1796501350000 implements MigrationInterface {
  name = 'CompletionCertificates1796501350000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // checks changed in place (the generator does not compare a check's expression)
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "certificate_kind_check"`);
    await queryRunner.query(`ALTER TABLE "certificate" ADD CONSTRAINT "certificate_kind_check" CHECK (kind IN ('winner', 'nominee', 'juror', 'completion'))`);
    await queryRunner.query(`ALTER TABLE "certificate_template" DROP CONSTRAINT "certificate_template_kind_check"`);
    await queryRunner.query(`ALTER TABLE "certificate_template" ADD CONSTRAINT "certificate_template_kind_check" CHECK (kind IN ('winner', 'nominee', 'juror', 'completion'))`);
    await queryRunner.query(`ALTER TABLE "certificate" ADD "participant_id" integer`);
    await queryRunner.query(`CREATE INDEX "IDX_0f3a581b83f3e25562f9255e20" ON "certificate"  ("participant_id") `);
    await queryRunner.query(`ALTER TABLE "certificate" ADD CONSTRAINT "FK_0f3a581b83f3e25562f9255e201" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "FK_0f3a581b83f3e25562f9255e201"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0f3a581b83f3e25562f9255e20"`);
    await queryRunner.query(`ALTER TABLE "certificate" DROP COLUMN "participant_id"`);
    await queryRunner.query(`DELETE FROM "certificate" WHERE kind = 'completion'`);
    await queryRunner.query(`DELETE FROM "certificate_template" WHERE kind = 'completion'`);
    await queryRunner.query(`ALTER TABLE "certificate_template" DROP CONSTRAINT "certificate_template_kind_check"`);
    await queryRunner.query(`ALTER TABLE "certificate_template" ADD CONSTRAINT "certificate_template_kind_check" CHECK (kind IN ('winner', 'nominee', 'juror'))`);
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "certificate_kind_check"`);
    await queryRunner.query(`ALTER TABLE "certificate" ADD CONSTRAINT "certificate_kind_check" CHECK (kind IN ('winner', 'nominee', 'juror'))`);
  }
}
