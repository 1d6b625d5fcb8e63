import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Nomination } from '../nominations/nomination.entity';
import { Attachment } from '../nominations/attachment.entity';
import { User } from '../auth/user.entity';

/** What a person may withdraw: the consent to processing, or the consent to publication. */
export const CONSENT_SCOPES = ['processing', 'publication'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/**
 * A person's withdrawal of a consent given with a nomination (152-FZ art. 9 §2, art. 10.1 §12), as the admin
 * recorded it: when the person asked, and their written request kept as a document of the nomination.
 * Written only by lifecycle.ts (withdrawConsent).
 */
@Entity()
@Check('consent_withdrawal_scope_check', `scope IN ('processing', 'publication')`)
export class ConsentWithdrawal {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'int' }) nominationId: number;
  @ManyToOne(() => Nomination, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'nomination_id' }) nomination?: Nomination;
  @Column({ type: 'text' }) scope: ConsentScope;
  /** the date the person made the request (from their letter), not the day it was recorded */
  @Column({ type: 'date' }) requestedOn: string;
  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;
  @Column({ type: 'int' }) actorId: number;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'actor_id' }) actor?: User;
  /** the person's written request (a document of kind consent_withdrawal); null once retention deleted documents */
  @Column({ type: 'int', nullable: true }) attachmentId: number | null;
  @ManyToOne(() => Attachment, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'attachment_id' }) attachment?: Attachment;
  @Column({ type: 'text', default: '' }) note: string;
}
