import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../auth/user.entity';
import { Nomination } from '../nominations/nomination.entity';

/** A nomination given to a juror to score. Documents open only after the juror confirms "no conflict". */
@Entity()
@Index(['nominationId', 'jurorId'], { unique: true })
export class Assignment {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'int' }) jurorId: number;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'juror_id' }) juror?: User;
  @Index() @Column({ type: 'int' }) nominationId: number;
  @ManyToOne(() => Nomination, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'nomination_id' }) nomination?: Nomination;
  @Column({ type: 'timestamptz', nullable: true }) confirmedNoConflictAt: Date | null;
  @Column({ type: 'int', nullable: true }) assignedById: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const CONFLICT_KINDS = ['municipality', 'institution', 'declared'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * A conflict of interest between a juror and a nomination. Automatic ones (same municipality or
 * institution) are recorded when assignments are made; a declared one is a recusal (самоотвод) with a reason.
 */
@Entity()
@Index(['jurorId', 'nominationId', 'kind'], { unique: true })
@Check('conflict_kind_check', `kind IN ('municipality', 'institution', 'declared')`)
export class Conflict {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'int' }) jurorId: number;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'juror_id' }) juror?: User;
  @Index() @Column({ type: 'int' }) nominationId: number;
  @ManyToOne(() => Nomination, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'nomination_id' }) nomination?: Nomination;
  @Column({ type: 'text' }) kind: ConflictKind;
  @Column({ type: 'text', default: '' }) reason: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
