import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log pages by a (at, id) cursor: one index in that order and one per filter (person, cycle,
 * kind of thing) with (at, id) after it, instead of single-column indexes that left every deep page to
 * sort or skip its way through the whole table.
 */
export class AuditKeysetIndexes1796500015000 implements MigrationInterface {
  name = 'AuditKeysetIndexes1796500015000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_06d570d7d1b40fbc994b5955be"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f44b7e9c0d50176bc07e018f63"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_251cd291f4d2e575af7411f344"`);
    await queryRunner.query(`CREATE INDEX "audit_event_at_id" ON "audit_event"  ("at", "id") `);
    await queryRunner.query(`CREATE INDEX "audit_event_actor_at_id" ON "audit_event"  ("actor_id", "at", "id") `);
    await queryRunner.query(`CREATE INDEX "audit_event_cycle_at_id" ON "audit_event"  ("cycle_id", "at", "id") `);
    await queryRunner.query(`CREATE INDEX "audit_event_entity_at_id" ON "audit_event"  ("entity", "at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."audit_event_entity_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_cycle_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_actor_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_at_id"`);
    await queryRunner.query(`CREATE INDEX "IDX_251cd291f4d2e575af7411f344" ON "audit_event"  ("cycle_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f44b7e9c0d50176bc07e018f63" ON "audit_event"  ("actor_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_06d570d7d1b40fbc994b5955be" ON "audit_event"  ("at") `);
  }
}
