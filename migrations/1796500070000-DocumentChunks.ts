import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents' bytes move out of `attachment.data` into 256 KB pieces (`attachment_chunk`), so an upload is
 * stored and a download served piece by piece, never whole in memory nor on one connection for long.
 * Existing documents are split in SQL (substring over generate_series) and the column is dropped.
 */
export class DocumentChunks1796500070000 implements MigrationInterface {
  name = 'DocumentChunks1796500070000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "attachment_chunk" ("attachment_id" integer NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_6b91b0666f899373de946dee00c" PRIMARY KEY ("attachment_id", "seq"))`);
    await queryRunner.query(`ALTER TABLE "attachment_chunk" ADD CONSTRAINT "FK_b3612ebdbf99fa515d2aead53cf" FOREIGN KEY ("attachment_id") REFERENCES "attachment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(
      `INSERT INTO "attachment_chunk" ("attachment_id", "seq", "data")
       SELECT a.id, s.seq, substring(a.data FROM s.seq * 262144 + 1 FOR 262144)
         FROM "attachment" a CROSS JOIN LATERAL generate_series(0, (length(a.data) - 1) / 262144) AS s(seq)`,
    );
    await queryRunner.query(`ALTER TABLE "attachment" DROP COLUMN "data"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachment" ADD "data" bytea`);
    await queryRunner.query(`UPDATE "attachment" a SET data = (SELECT string_agg(c.data, ''::bytea ORDER BY c.seq) FROM "attachment_chunk" c WHERE c.attachment_id = a.id)`);
    await queryRunner.query(`UPDATE "attachment" SET data = ''::bytea WHERE data IS NULL`);
    await queryRunner.query(`ALTER TABLE "attachment" ALTER COLUMN "data" SET NOT NULL`);
    await queryRunner.query(`DROP TABLE "attachment_chunk"`);
  }
}
