import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditData = Record<string, string | number | boolean | null | Array<string | number>>;

/**
 * Who did what, when, from which state to which, and why. Written only by recordAudit().
 * The log is read newest first by (at, id), a page at a time from a cursor (audit-queries.ts): one index
 * in that order, and one per filter with the same order after the filtered column, so every page of
 * every filter is an index range of its own rows, however long the log grows.
 */
@Entity()
@Index(['entity', 'entityId'])
@Index('audit_event_at_id', ['at', 'id'])
@Index('audit_event_actor_at_id', ['actorId', 'at', 'id'])
@Index('audit_event_cycle_at_id', ['cycleId', 'at', 'id'])
@Index('audit_event_entity_at_id', ['entity', 'at', 'id'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  @Column({ type: 'int', nullable: true }) cycleId: number | null;
  @Column({ type: 'text' }) entity: string;
  @Column({ type: 'text' }) entityId: string;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'text', nullable: true }) fromState: string | null;
  @Column({ type: 'text', nullable: true }) toState: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'jsonb', nullable: true }) data: AuditData | null;
}
