import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditData = Record<string, string | number | boolean | null | Array<string | number>>;

/** Who did what, when, from which state to which, and why. Written only by recordAudit(). */
@Entity()
@Index(['entity', 'entityId'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Index() @CreateDateColumn({ type: 'timestamptz' }) at: Date;
  @Index() @Column({ type: 'int', nullable: true }) actorId: number | null;
  @Index() @Column({ type: 'int', nullable: true }) cycleId: number | null;
  @Column({ type: 'text' }) entity: string;
  @Column({ type: 'text' }) entityId: string;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'text', nullable: true }) fromState: string | null;
  @Column({ type: 'text', nullable: true }) toState: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'jsonb', nullable: true }) data: AuditData | null;
}
