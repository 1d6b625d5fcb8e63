import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Nomination } from '../nominations/nomination.entity';
import { Track } from './track.entity';

/**
 * An applicant's ranked choice of a track (issue 12): rank 1 is the most wanted, up to three per
 * application, each track once. A track someone chose cannot be deleted (RESTRICT): the application would
 * lose a choice its officer submitted.
 */
@Entity()
@Index(['nominationId', 'trackId'], { unique: true })
@Check('track_preference_rank_check', `rank BETWEEN 1 AND 3`)
export class TrackPreference {
  @PrimaryColumn({ type: 'int' }) nominationId: number;
  @ManyToOne(() => Nomination, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'nomination_id' }) nomination?: Nomination;
  @PrimaryColumn({ type: 'int' }) rank: number;
  @Index() @Column({ type: 'int' }) trackId: number;
  @ManyToOne(() => Track, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'track_id' }) track?: Track;
}
