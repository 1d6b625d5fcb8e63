import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Municipality } from '../regions/municipality.entity';
import { Nomination } from '../nominations/nomination.entity';
import { User } from '../auth/user.entity';
import { Event, type ParticipantType } from './event.entity';
import { REGISTRATION_ACTIVE_WHERE_SQL, REGISTRATION_STATUS_CHECK_SQL, type RegistrationStatus } from './registration-statuses';

/**
 * One person's registration for an event (issue 13). The status moves only through registration-lifecycle.ts.
 * One active registration per address and event (the partial unique index), whatever the race.
 */
@Entity()
@Check('registration_status_check', REGISTRATION_STATUS_CHECK_SQL)
@Index('registration_one_active_per_email', ['eventId', 'email'], { unique: true, where: REGISTRATION_ACTIVE_WHERE_SQL })
@Index(['eventId', 'number'], { unique: true })
@Index(['eventId', 'status'])
@Index(['eventId', 'lastName'])
export class Registration {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) eventId: number;
  @ManyToOne(() => Event, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'event_id' }) event?: Event;
  @Column({ type: 'text' }) status: RegistrationStatus;
  /** given when the registration is first confirmed (a place, or the waiting list): 1, 2, 3 … per event */
  @Column({ type: 'int', nullable: true }) number: number | null;
  /** what the badge's QR code carries: random, unguessable, set with the number */
  @Index({ unique: true }) @Column({ type: 'text', nullable: true }) badgeCode: string | null;
  @Column({ type: 'text' }) lastName: string;
  @Column({ type: 'text' }) firstName: string;
  @Column({ type: 'text', default: '' }) patronymic: string;
  /** kept lower-case */
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text', default: '' }) phone: string;
  @Column({ type: 'text', default: '' }) organisation: string;
  @Column({ type: 'text', default: '' }) position: string;
  @Column({ type: 'text', default: '' }) specialty: string;
  /** the person's region as typed (guests come from 40 regions) */
  @Column({ type: 'text', default: '' }) region: string;
  /** a municipality of this region, when the person is from it */
  @Column({ type: 'int', nullable: true }) municipalityId: number | null;
  @ManyToOne(() => Municipality, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'municipality_id' }) municipality?: Municipality;
  /** a municipality of another region, as typed */
  @Column({ type: 'text', default: '' }) municipalityText: string;
  @Column({ type: 'text' }) participantType: ParticipantType;
  /** the form's language: the mail to this person goes in it */
  @Column({ type: 'text', default: 'ru' }) language: string;
  /** sha256 (hex) of the personal link (confirm, cancel, badge); the link itself is only ever mailed */
  @Index({ unique: true }) @Column({ type: 'text' }) tokenHash: string;
  @Column({ type: 'timestamptz' }) consentAt: Date;
  /** the laureate this invitation was made for */
  @Column({ type: 'int', nullable: true }) nominationId: number | null;
  @ManyToOne(() => Nomination, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'nomination_id' }) nomination?: Nomination;
  @Column({ type: 'int', nullable: true }) invitedById: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
  /** when it joined the waiting list: the list's order */
  @Column({ type: 'timestamptz', nullable: true }) waitingSince: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) checkedInAt: Date | null;
  @Column({ type: 'int', nullable: true }) checkedInById: number | null;
  @ManyToOne(() => User, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'checked_in_by_id' }) checkedInBy?: User;
  /** when the joining link was sent (online participants), so it goes once */
  @Column({ type: 'timestamptz', nullable: true }) joinLinkSentAt: Date | null;
}
