import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Nomination } from '../nominations/nomination.entity';

/**
 * A nominee's consent to publication of their data (152-FZ art. 10.1), given with one nomination: which of the
 * public fields may be shown to everyone. No row means nothing may be public; a withdrawn consent (withdrawnAt
 * set) means nothing may be public from that moment. It belongs to the nomination, not the nominee: a person
 * nominated twice signs twice. Changed only by lifecycle.ts.
 */
@Entity()
export class PublicationConsent {
  @PrimaryColumn({ type: 'int' }) nominationId: number;
  @OneToOne(() => Nomination, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'nomination_id' }) nomination?: Nomination;
  @Column({ type: 'boolean', default: false }) fullName: boolean;
  @Column({ type: 'boolean', default: false }) position: boolean;
  @Column({ type: 'boolean', default: false }) institution: boolean;
  @Column({ type: 'boolean', default: false }) municipality: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) givenAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  /** counts the changes of this consent (each change is audited) */
  @Column({ type: 'int', default: 1 }) version: number;
}
