import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Certificates of attendance (issue 13): one valid per checked-in registration, numbered per event. */
export class AttendanceCertificates1796501600000 implements MigrationInterface {
  name = 'AttendanceCertificates1796501600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "attendance_certificate" ("id" SERIAL NOT NULL, "event_id" integer NOT NULL, "registration_id" integer NOT NULL, "seq" integer NOT NULL, "number" text NOT NULL, "code" text NOT NULL, "holder_name" text NOT NULL, "printed" jsonb NOT NULL, "template" jsonb NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "issued_by_id" integer, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, CONSTRAINT "PK_a7be31317c9e87fa85bd60307c2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6efc4b709cfff3261e7faf5444" ON "attendance_certificate"  ("number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_50f0b4f45062200065feab8dfb" ON "attendance_certificate"  ("code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2e81d9368177b50912e6a3ff00" ON "attendance_certificate"  ("event_id", "seq") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "attendance_certificate_one_valid" ON "attendance_certificate"  ("registration_id") WHERE revoked_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "attendance_certificate" ADD CONSTRAINT "FK_eb27150655ed241f38fb4ac3738" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "attendance_certificate" ADD CONSTRAINT "FK_40113181d37742addb8066af2cc" FOREIGN KEY ("registration_id") REFERENCES "registration"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "attendance_certificate" ADD CONSTRAINT "FK_81cd895e033156fdcc87dbc0a24" FOREIGN KEY ("issued_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance_certificate" DROP CONSTRAINT "FK_81cd895e033156fdcc87dbc0a24"`);
    await queryRunner.query(`ALTER TABLE "attendance_certificate" DROP CONSTRAINT "FK_40113181d37742addb8066af2cc"`);
    await queryRunner.query(`ALTER TABLE "attendance_certificate" DROP CONSTRAINT "FK_eb27150655ed241f38fb4ac3738"`);
    await queryRunner.query(`DROP INDEX "public"."attendance_certificate_one_valid"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2e81d9368177b50912e6a3ff00"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_50f0b4f45062200065feab8dfb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6efc4b709cfff3261e7faf5444"`);
    await queryRunner.query(`DROP TABLE "attendance_certificate"`);
  }
}
