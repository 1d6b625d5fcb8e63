import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../auth/user.entity';
import { Cycle } from '../cycles/cycle.entity';
import type { MailKind } from './kinds';
import type { Locale } from '../web/i18n';
import { MAIL_STATUS_CHECK_SQL, QUEUED, QUEUED_SQL, type MailStatus } from './statuses';

/**
 * One message Laureate sends, kept as it was composed: the outbox shows it, and the table is the queue the
 * mailer works from (src/mail/delivery.ts). A queued message is due at `nextAttemptAt`; while a process is
 * sending it, `nextAttemptAt` is pushed past the sending lease, so no other process takes it meanwhile.
 */
@Entity('mail_message')
@Check('mail_message_status_check', MAIL_STATUS_CHECK_SQL)
@Index('mail_message_due', ['nextAttemptAt'], { where: QUEUED_SQL })
@Index('mail_message_by_recipient', ['recipientUserId', 'createdAt'])
@Index('mail_message_by_created', ['createdAt'])
// the outbox's filters, each with the id order of its pages after it (migrations/…-OutboxKeysetIndexes.ts);
// the address one is on lower(to_email), an expression TypeORM cannot declare, so it is left to the migration
@Index('mail_message_status_id', ['status', 'id'])
@Index('mail_message_kind_id', ['kind', 'id'])
@Index('mail_message_recipient_id', ['recipientUserId', 'id'])
@Index('mail_message_to_email_id', { synchronize: false })
export class MailMessage {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) kind: MailKind;
  @Column({ type: 'int', nullable: true }) recipientUserId: number | null;
  @ManyToOne(() => User, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'recipient_user_id' }) recipientUser?: User;
  @Column({ type: 'text' }) toEmail: string;
  @Column({ type: 'text', nullable: true }) toName: string | null;
  @Column({ type: 'text' }) language: Locale;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'text' }) html: string;
  @Column({ type: 'text', default: QUEUED }) status: MailStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  /** one message per key, ever: enqueueing the same key again does nothing */
  @Index('mail_message_idempotency_key', { unique: true }) @Column({ type: 'text' }) idempotencyKey: string;
  @Column({ type: 'int', nullable: true }) cycleId: number | null;
  @ManyToOne(() => Cycle, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'cycle_id' }) cycle?: Cycle;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  /** when it was (re)queued: temporary failures are retried for 24 hours from here */
  @Column({ type: 'timestamptz', default: () => 'now()' }) queuedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) sentAt: Date | null;
  /** when a queued message is next due (null once it left the queue) */
  @Column({ type: 'timestamptz', nullable: true }) nextAttemptAt: Date | null;
}
