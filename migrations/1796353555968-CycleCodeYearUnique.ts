import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CycleCodeYearUnique1796353555968 implements MigrationInterface {
  name = 'CycleCodeYearUnique1796353555968';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX "cycle_code_year_unique" ON "cycle"  ("code", "year") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."cycle_code_year_unique"`);
  }
}
