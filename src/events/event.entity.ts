import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { User } from '../auth/user.entity';

/** The kinds of participant an event may admit (issue 13), in the order badges and lists show them. */
export const PARTICIPANT_TYPES = ['doctor', 'speaker', 'guest', 'press', 'laureate', 'organiser'] as const;
export type ParticipantType = (typeof PARTICIPANT_TYPES)[number];

/** One participant type an event admits: its badge colour, and whether a person may choose it or only be invited. */
export interface EventParticipantType {
  type: ParticipantType;
  /** #rrggbb, the badge's colour band */
  colour: string;
  /** false: only the organiser invites to it (e.g. «лауреат», «докладчик») */
  selfService: boolean;
}

/** Fields of the registration form an event may require beyond name, email, type and consent. */
export const OPTIONAL_FIELDS = ['phone', 'organisation', 'position', 'specialty', 'region', 'municipality'] as const;
export type OptionalField = (typeof OPTIONAL_FIELDS)[number];

export const EVENT_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/**
 * An event (issue 13): a congress, a forum, an award's ceremony. People register on its public page
 * `/events/:slug`; confirmed registrations take places up to the capacity, the rest wait. The event row is the
 * lock every registration, cancellation and promotion takes first (SELECT … FOR UPDATE), so the capacity is
 * never exceeded and numbers are given without gaps (lastNumber).
 */
@Entity()
@Check('event_capacity_check', `capacity >= 1`)
@Check('event_dates_check', `ends_at >= starts_at`)
@Check('event_registration_window_check', `registration_opens_at < registration_closes_at`)
@Check('event_format_check', `format IN ('in_person','online','hybrid')`)
@Check('event_types_check', `jsonb_typeof(participant_types) = 'array'`)
@Check('event_required_fields_check', `jsonb_typeof(required_fields) = 'array'`)
export class Event {
  @PrimaryGeneratedColumn() id: number;
  @Index({ unique: true }) @Column({ type: 'text' }) slug: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'timestamptz' }) endsAt: Date;
  @Column({ type: 'text', default: 'in_person' }) format: EventFormat;
  /** the address, for an event in person or hybrid */
  @Column({ type: 'text', default: '' }) venue: string;
  /** the joining link sent to online participants before the start; never shown on the public page */
  @Column({ type: 'text', default: '' }) joinUrl: string;
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'timestamptz' }) registrationOpensAt: Date;
  @Column({ type: 'timestamptz' }) registrationClosesAt: Date;
  @Column({ type: 'jsonb', default: () => `'[]'` }) participantTypes: EventParticipantType[];
  @Column({ type: 'jsonb', default: () => `'[]'` }) requiredFields: OptionalField[];
  /** the text of the personal-data consent a registrant accepts */
  @Column({ type: 'text' }) consentText: string;
  /** an award cycle whose ceremony this is: its published winners may be invited as «лауреат» in one action */
  @Column({ type: 'int', nullable: true }) cycleId: number | null;
  @ManyToOne(() => Cycle, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'cycle_id' }) cycle?: Cycle;
  /** a draft is seen by admins only; published: its public page and registration (within the window) */
  @Column({ type: 'boolean', default: false }) published: boolean;
  /** the last registration number given (numbers from 1, gap-free, in order of confirmation) */
  @Column({ type: 'int', default: 0 }) lastNumber: number;
  /** the last attendance certificate number given */
  @Column({ type: 'int', default: 0 }) lastCertificateNumber: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A registrar bound to an event: may check people in at its door (/checkin/:event). */
@Entity()
export class EventRegistrar {
  @PrimaryColumn({ type: 'int' }) eventId: number;
  @ManyToOne(() => Event, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'event_id' }) event?: Event;
  @PrimaryColumn({ type: 'int' }) userId: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'user_id' }) user?: User;
}
