import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Cycle } from './cycle.entity';

/** Kinds of documents of a nomination; a category may require some of them. */
export const REQUIRABLE_DOCUMENT_KINDS = ['recommendation', 'cv', 'diploma', 'certificate', 'publications', 'other'] as const;
/** Signed consents (152-FZ): to processing (every nomination needs it), to publication, and a person's withdrawal
 *  request (the admin's, src/consent/); their rules are the consent domain's, so a category never requires them. */
export const CONSENT_DOCUMENT_KINDS = ['consent_processing', 'consent_publication', 'consent_withdrawal'] as const;
export const DOCUMENT_KINDS = [...REQUIRABLE_DOCUMENT_KINDS, ...CONSENT_DOCUMENT_KINDS] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** What an officer may attach to a nomination: everything but a withdrawal, which the admin records. */
export const OFFICER_DOCUMENT_KINDS = DOCUMENT_KINDS.filter((k) => k !== 'consent_withdrawal');

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
