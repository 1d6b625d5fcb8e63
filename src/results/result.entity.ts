import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Category } from '../cycles/category.entity';
import { Cycle } from '../cycles/cycle.entity';

export interface WinnerOverride {
  at: string;
  byId: number;
  reason: string;
  /** the winners, in place order, after this change */
  winners: number[];
}

/**
 * Deliberation on one category: the computed winners are the proposal; an admin's change of places or
 * winners is kept with its reason. `winners` null means "as computed".
 */
@Entity()
export class Deliberation {
  @PrimaryGeneratedColumn() id: number;
  @Index({ unique: true }) @Column({ type: 'int' }) categoryId: number;
  @OneToOne(() => Category, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'category_id' }) category?: Category;
  @Column({ type: 'jsonb', nullable: true }) winners: number[] | null;
  @Column({ type: 'jsonb', default: () => `'[]'` }) overrides: WinnerOverride[];
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/**
 * What approval froze for a category: the engine's input (and its SHA-256), its output and the final
 * winners. Reopening supersedes it (with a reason); a new approval writes a new one.
 */
@Entity()
@Index(['categoryId', 'supersededAt'])
export class ResultSnapshot {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'int' }) cycleId: number;
  @ManyToOne(() => Cycle, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'cycle_id' }) cycle?: Cycle;
  @Column({ type: 'int' }) categoryId: number;
  @ManyToOne(() => Category, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'category_id' }) category?: Category;
  @Column({ type: 'text' }) method: string;
  @Column({ type: 'text' }) inputHash: string;
  @Column({ type: 'jsonb' }) input: object;
  @Column({ type: 'jsonb' }) output: object;
  /** nomination ids in place order */
  @Column({ type: 'jsonb' }) winners: number[];
  @Column({ type: 'int' }) approvedById: number;
  @CreateDateColumn({ type: 'timestamptz' }) approvedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) supersededAt: Date | null;
  @Column({ type: 'text', nullable: true }) supersededReason: string | null;
}
