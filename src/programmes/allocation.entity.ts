import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Category } from '../cycles/category.entity';
import type { AllocationState, ForcedPlace } from './engine';

/**
 * The allocation of one ranking's tracks (issue 12): the engine's state as of now (src/programmes/engine, plain
 * JSON), the places the admin fixed with their reasons, and whether it is approved. One per ranking (a category
 * of the programme: one for the whole programme, or one per track). Before approval it is computed again from
 * the ranking and the forced places; approval freezes it and offers the places; from then on only release and
 * the reserve (engine/release.ts) change the state, each change saved here in the transaction that made it.
 */
@Entity()
@Index(['cycleId', 'categoryId'], { unique: true })
export class ProgrammeAllocation {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) cycleId: number;
  @ManyToOne(() => Cycle, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'cycle_id' }) cycle?: Cycle;
  @Column({ type: 'int' }) categoryId: number;
  @ManyToOne(() => Category, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'category_id' }) category?: Category;
  /** the engine's state; null until first computed */
  @Column({ type: 'jsonb', nullable: true }) state: AllocationState | null;
  @Column({ type: 'jsonb', default: () => `'[]'` }) forced: ForcedPlace[];
  @Column({ type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  @Column({ type: 'int', nullable: true }) approvedById: number | null;
  /** optimistic locking, as nominations: a page's change names the version it saw */
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
