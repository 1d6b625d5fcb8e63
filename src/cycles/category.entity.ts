import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Cycle } from './cycle.entity';

/** Kinds of documents an officer attaches; a category may require some of them. */
export const DOCUMENT_KINDS = ['recommendation', 'cv', 'diploma', 'certificate', 'publications', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A category of a cycle (Russian «номинация»), with its winners, quota and eligibility rules. */
@Entity()
@Index(['cycleId', 'name'], { unique: true })
@Check('category_max_winners_check', `max_winners >= 1`)
@Check('category_quota_check', `quota_per_municipality IS NULL OR quota_per_municipality >= 1`)
@Check('category_min_years_check', `min_years_practice >= 0`)
@Check('category_past_winners_check', `past_winners_excluded_years >= 0`)
export class Category {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'int' }) cycleId: number;
  @ManyToOne(() => Cycle, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'cycle_id' }) cycle?: Cycle;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ type: 'int', default: 1 }) maxWinners: number;
  /** null: no limit on nominations per municipality */
  @Column({ type: 'int', nullable: true }) quotaPerMunicipality: number | null;
  @Column({ type: 'int', default: 0 }) minYearsPractice: number;
  /** winners of a category of the same name in the last N years are not eligible; 0 = no rule */
  @Column({ type: 'int', default: 0 }) pastWinnersExcludedYears: number;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) requiredDocuments: DocumentKind[];
  @Column({ type: 'int', default: 0 }) sortOrder: number;
}
