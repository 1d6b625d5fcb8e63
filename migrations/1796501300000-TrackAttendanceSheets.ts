import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The hosts' attendance sheets of programme tracks (issue 12): one row with its bytes per upload. */
export class TrackAttendanceSheets1796501300000 implements MigrationInterface {
  name = 'TrackAttendanceSheets1796501300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "track_attendance_sheet" ("id" SERIAL NOT NULL, "track_id" integer NOT NULL, "file_name" text NOT NULL, "mime" text NOT NULL, "size" integer NOT NULL, "sha256" text NOT NULL, "data" bytea NOT NULL, "uploaded_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "track_attendance_sheet_mime_check" CHECK (mime IN ('application/pdf','image/jpeg','image/png','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')), CONSTRAINT "track_attendance_sheet_size_check" CHECK (size > 0 AND size <= 10485760), CONSTRAINT "PK_ab68e5801d2c6ef84e173d1ab2a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_4468f06dd549749e3517486595" ON "track_attendance_sheet"  ("track_id") `);
    await queryRunner.query(`ALTER TABLE "track_attendance_sheet" ADD CONSTRAINT "FK_4468f06dd549749e35174865956" FOREIGN KEY ("track_id") REFERENCES "track"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "track_attendance_sheet" DROP CONSTRAINT "FK_4468f06dd549749e35174865956"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4468f06dd549749e3517486595"`);
    await queryRunner.query(`DROP TABLE "track_attendance_sheet"`);
  }
}
