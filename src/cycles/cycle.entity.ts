import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Region } from '../regions/region.entity';

/** Every phase any kind of cycle can be in; which of them each kind goes through, and in what order, is phases.ts's. */
export const CYCLE_STATUSES = [
  'draft', 'nominations_open', 'screening', 'judging', 'deliberation', 'approved', 'published', 'archived',
  // a programme (issue 12) goes from selection (judging) to its own phases
  'allocation', 'confirmation', 'training', 'completion', 'closed',
] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** An award (конкурс) or a programme of internships and training (программа стажировок / обучения). */
export const CYCLE_KINDS = ['award', 'programme'] as const;
export const RANKING_SCOPES = ['programme', 'track'] as const;
export type RankingScope = (typeof RANKING_SCOPES)[number];
export type CycleKind = (typeof CYCLE_KINDS)[number];

/** named, so a save that loses a race for a code and year can be told from one that lost the slug */
export const CYCLE_CODE_YEAR_INDEX = 'cycle_code_year_unique';

/** One edition of an award (конкурс), with its phase dates (stored in UTC, shown in the region's zone). */
@Entity()
// Certificate numbers are CODE-YYYY-NNNN and unique across cycles, so two cycles must not share both.
@Index(CYCLE_CODE_YEAR_INDEX, ['code', 'year'], { unique: true })
@Check('cycle_status_check', `status IN ('draft','nominations_open','screening','judging','deliberation','approved','published','archived','allocation','confirmation','training','completion','closed')`)
@Check('cycle_kind_check', `kind IN ('award','programme')`)
@Check('cycle_ranking_scope_check', `ranking_scope IN ('programme','track')`)
@Check('cycle_results_method_check', `results_method IN ('zscore', 'raw', 'offset', 'trimmed')`)
@Check('cycle_code_check', `code ~ '^[A-Z]{2,10}$'`)
@Check('cycle_nominations_window_check', `nominations_start IS NULL OR nominations_end IS NULL OR nominations_start < nominations_end`)
// reminder days: a list of up to three whole days, 1–30 (the cycle form's rule, src/mail/reminders/schedule.ts)
@Check('cycle_nominations_reminder_days_check', `jsonb_typeof(nominations_reminder_days) = 'array' AND jsonb_array_length(nominations_reminder_days) <= 3 AND NOT jsonb_path_exists(nominations_reminder_days, '$[*] ? (@.type() != "number" || @ < 1 || @ > 30 || @ != @.floor())')`)
@Check('cycle_judging_reminder_days_check', `jsonb_typeof(judging_reminder_days) = 'array' AND jsonb_array_length(judging_reminder_days) <= 3 AND NOT jsonb_path_exists(judging_reminder_days, '$[*] ? (@.type() != "number" || @ < 1 || @ > 30 || @ != @.floor())')`)
export class Cycle {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) regionId: number;
  @ManyToOne(() => Region, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'region_id' }) region?: Region;
  @Column({ type: 'text' }) name: string;
  @Index({ unique: true }) @Column({ type: 'text' }) slug: string;
  /** Short code for certificate numbers, e.g. PED → PED-2026-0007. */
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'int' }) year: number;
  /** chosen when the cycle is created and never changed: the phases, and categories or tracks, follow from it */
  @Column({ type: 'text', default: 'award' }) kind: CycleKind;
  /**
   * A programme's selection (issue 12): one ranking of all its applications ('programme'), or one per
   * competitive track ('track', each application then names one track). Each ranking is a category of the
   * cycle that src/programmes keeps in step with the tracks; an award ignores it.
   */
  @Column({ type: 'text', default: 'programme' }) rankingScope: RankingScope;
  @Column({ type: 'text', default: '' }) description: string;
  @Index() @Column({ type: 'text', default: 'draft' }) status: CycleStatus;
  @Column({ type: 'timestamptz', nullable: true }) nominationsStart: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) nominationsEnd: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) screeningStart: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) screeningEnd: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) judgingStart: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) judgingEnd: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deliberationStart: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deliberationEnd: Date | null;
  /** days before nominations close that officers with drafts are reminded (src/mail/reminders); empty: no reminders */
  @Column({ type: 'jsonb', default: () => `'[3, 1]'` }) nominationsReminderDays: number[];
  /** days before judging closes that jurors with unsubmitted scorecards are reminded */
  @Column({ type: 'jsonb', default: () => `'[3, 1]'` }) judgingReminderDays: number[];
  /** blind judging: jurors see neither the municipality nor the officer who nominated */
  @Column({ type: 'boolean', default: false }) blindJudging: boolean;
  /** the aggregation method of the results (see src/results/engine) */
  @Column({ type: 'text', default: 'zscore' }) resultsMethod: string;
  /** once published, anyone may download the anonymised scores and recompute the ranking */
  @Column({ type: 'boolean', default: false }) publicScores: boolean;
  @Column({ type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
