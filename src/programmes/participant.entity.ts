import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Municipality } from '../regions/municipality.entity';
import { Nomination } from '../nominations/nomination.entity';
import { Track } from './track.entity';
import { PARTICIPANT_SOURCE_CHECK_SQL, PARTICIPANT_STATUS_CHECK_SQL, type ParticipantSource, type ParticipantStatus } from './participant-statuses';

/**
 * A person holding or offered a place on a track (issue 12): from the programme's allocation, or one of a
 * delegation imported by the admin. A delegation from another country names its organisation instead of
 * one of the region's municipalities. The status moves only through participant-lifecycle.ts.
 */
@Entity()
@Index(['trackId', 'email'], { unique: true })
@Check('participant_status_check', PARTICIPANT_STATUS_CHECK_SQL)
@Check('participant_source_check', PARTICIPANT_SOURCE_CHECK_SQL)
@Check('participant_origin_check', `municipality_id IS NOT NULL OR organisation <> ''`)
export class Participant {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) trackId: number;
  // a track is deleted only before applications close, and with it whom it had listed
  @ManyToOne(() => Track, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'track_id' }) track?: Track;
  @Column({ type: 'text' }) lastName: string;
  @Column({ type: 'text' }) firstName: string;
  @Column({ type: 'text', default: '' }) patronymic: string;
  @Column({ type: 'text' }) position: string;
  @Column({ type: 'text' }) institution: string;
  @Index() @Column({ type: 'int', nullable: true }) municipalityId: number | null;
  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'municipality_id' }) municipality?: Municipality;
  /** a delegation from outside the region (another country): the sending organisation; blank with a municipality */
  @Column({ type: 'text', default: '' }) organisation: string;
  /** kept lower-case, so the unique index holds one address per track however it was typed */
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) source: ParticipantSource;
  @Column({ type: 'text' }) status: ParticipantStatus;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) statusChangedAt: Date | null;
  /** the application a place from the allocation was given for; null for a delegation's participant */
  @Index() @Column({ type: 'int', nullable: true }) nominationId: number | null;
  @ManyToOne(() => Nomination, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'nomination_id' }) nomination?: Nomination;
  /** sha256 (hex) of the one-time link that confirms or declines an offer; cleared once answered */
  @Index({ unique: true }) @Column({ type: 'text', nullable: true }) offerTokenHash: string | null;
  /** an offer not answered by then expires, and the place goes to the reserve */
  @Column({ type: 'timestamptz', nullable: true }) offerExpiresAt: Date | null;
  /** academic hours attended, set when marked completed (at most the track's hours) */
  @Column({ type: 'int', nullable: true }) hoursAttended: number | null;
  /** why not completed (or a note on completion); shown to the admin, never on a certificate */
  @Column({ type: 'text', nullable: true }) outcomeReason: string | null;
  /** who marked the outcome: the admin or the host's coordinator */
  @Column({ type: 'int', nullable: true }) outcomeById: number | null;
}
