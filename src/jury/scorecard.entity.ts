import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../auth/user.entity';
import { Nomination } from '../nominations/nomination.entity';
import { Criterion } from './criterion.entity';

/** One juror's assessment of one nomination (оценочный лист); one per juror and nomination. */
@Entity()
@Index(['jurorId', 'nominationId'], { unique: true })
// the results read a category's submitted scorecards through its nominations: an index-only walk, not a scan of them all
@Index('scorecard_submitted_by_nomination', ['nominationId', 'jurorId', 'id'], { where: `status = 'submitted'` })
@Check('scorecard_status_check', `status IN ('draft', 'submitted')`)
export class Scorecard {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'int' }) jurorId: number;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'juror_id' }) juror?: User;
  @Index() @Column({ type: 'int' }) nominationId: number;
  @ManyToOne(() => Nomination, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'nomination_id' }) nomination?: Nomination;
  @Column({ type: 'text', default: 'draft' }) status: 'draft' | 'submitted';
  @Column({ type: 'text', default: '' }) comment: string;
  /** the weighted total s = Σ w·x / Σ w, set only by the scoring function when submitted */
  @Column({ type: 'double precision', nullable: true }) weightedTotal: number | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** One criterion's integer value on a scorecard; the database refuses a value outside the criterion's scale. */
@Entity()
@Index(['scorecardId', 'criterionId'], { unique: true })
export class Score {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) scorecardId: number;
  @ManyToOne(() => Scorecard, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'scorecard_id' }) scorecard?: Scorecard;
  @Index() @Column({ type: 'int' }) criterionId: number;
  @ManyToOne(() => Criterion, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'criterion_id' }) criterion?: Criterion;
  @Column({ type: 'int' }) value: number;
}

/** The values of a scorecard before a change, with who changed it and when (visible to the admin). */
@Entity()
export class ScoreHistory {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'int' }) scorecardId: number;
  @ManyToOne(() => Scorecard, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'scorecard_id' }) scorecard?: Scorecard;
  @Column({ type: 'int' }) changedById: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) changedAt: Date;
  @Column({ type: 'text' }) previousStatus: string;
  @Column({ type: 'jsonb' }) previousScores: Record<string, number>;
  @Column({ type: 'text', default: '' }) previousComment: string;
}
