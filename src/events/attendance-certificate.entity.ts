import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../auth/user.entity';
import { Event } from './event.entity';
import { Registration } from './registration.entity';

/** The texts a certificate of attendance was printed with, frozen at issue so its PDF renders the same forever. */
export interface AttendanceTemplate {
  title: string;
  body: string;
  signatories: Array<{ name: string; title: string }>;
  accentColor: string;
}

/**
 * A certificate of attendance (issue 13) for a person checked in at an event: a human number
 * (EV-12-2026-0007, gap-free per event through event.lastCertificateNumber under the event's row lock), an
 * unguessable verification code (the same as diplomas', so /verify/CODE finds either), and everything printed
 * on it. A registration has at most one valid certificate (the partial unique index), whatever the race.
 */
@Entity()
@Index('attendance_certificate_one_valid', ['registrationId'], { unique: true, where: 'revoked_at IS NULL' })
@Index(['eventId', 'seq'], { unique: true })
export class AttendanceCertificate {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) eventId: number;
  @ManyToOne(() => Event, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'event_id' }) event?: Event;
  @Column({ type: 'int' }) registrationId: number;
  @ManyToOne(() => Registration, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'registration_id' }) registration?: Registration;
  @Column({ type: 'int' }) seq: number;
  @Index({ unique: true }) @Column({ type: 'text' }) number: string;
  @Index({ unique: true }) @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) holderName: string;
  /** the placeholder values printed on it (event name, dates, place, participant type, issue date, number) */
  @Column({ type: 'jsonb' }) printed: Record<string, string>;
  @Column({ type: 'jsonb' }) template: AttendanceTemplate;
  @Column({ type: 'timestamptz' }) issuedAt: Date;
  @Column({ type: 'int', nullable: true }) issuedById: number | null;
  @ManyToOne(() => User, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'issued_by_id' }) issuedBy?: User;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'text', nullable: true }) revokedReason: string | null;
}
