import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Municipality } from '../regions/municipality.entity';
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
}
