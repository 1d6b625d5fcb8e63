import { Check, Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Nomination } from '../nominations/nomination.entity';
import { User } from '../auth/user.entity';

/** Why a nomination's personal data was erased: its retention period ran out, the person withdrew consent, or asked. */
export const ERASURE_REASONS = ['retention', 'withdrawal', 'request'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/**
 * The mark that a nomination's personal data is gone (names replaced, contacts, texts and documents deleted;
 * see person-data-erase.ts). The retention sweep skips what is marked, and the admin's pages say so.
 * Written only by anonymiseNominations().
 */
@Entity()
@Check('person_data_erasure_reason_check', `reason IN ('retention', 'withdrawal', 'request')`)
export class PersonDataErasure {
  @PrimaryColumn({ type: 'int' }) nominationId: number;
  @OneToOne(() => Nomination, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'nomination_id' }) nomination?: Nomination;
  @Column({ type: 'text' }) reason: ErasureReason;
  @Column({ type: 'timestamptz' }) erasedAt: Date;
  /** the admin who erased it; null for the retention sweep */
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  @ManyToOne(() => User, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'actor_id' }) actor?: User;
}
