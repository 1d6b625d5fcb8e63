import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Category } from '../cycles/category.entity';
import { Municipality } from '../regions/municipality.entity';
import { User } from '../auth/user.entity';
import { Nominee } from './nominee.entity';
import { ACTIVE_INDEX_WHERE_SQL, STATUS_CHECK_SQL, theStatus, type NominationStatus } from './statuses';

// The lifecycle (statuses, groups, moves) is owned by statuses.ts and lifecycle.ts; re-exported for the entity's readers.
export { NOMINATION_STATUSES, type NominationStatus } from './statuses';

/** One nominee proposed in one category by one municipality (заявка). */
@Entity()
@Check('nomination_status_check', STATUS_CHECK_SQL)
@Index('nomination_one_active_per_nominee', ['cycleId', 'categoryId', 'nomineeId'], {
  unique: true,
  where: ACTIVE_INDEX_WHERE_SQL,
})
@Index(['cycleId', 'status'])
export class Nomination {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) cycleId: number;
  @ManyToOne(() => Cycle, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'cycle_id' }) cycle?: Cycle;
  /** may be empty while a draft */
  @Index() @Column({ type: 'int', nullable: true }) categoryId: number | null;
  @ManyToOne(() => Category, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'category_id' }) category?: Category;
  @Column({ type: 'int' }) nomineeId: number;
  @ManyToOne(() => Nominee, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'nominee_id' }) nominee?: Nominee;
  @Index() @Column({ type: 'int' }) municipalityId: number;
  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'municipality_id' }) municipality?: Municipality;
  @Column({ type: 'int' }) authorId: number;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'author_id' }) author?: User;
  @Column({ type: 'text', default: '' }) achievements: string;
  @Column({ type: 'text', default: '' }) motivation: string;
  @Column({ type: 'text', default: theStatus('initial') }) status: NominationStatus;
  /** the reason given with the last return or rejection, shown to the officer */
  @Column({ type: 'text', nullable: true }) statusReason: string | null;
  /** place in the category after results (winner) */
  @Column({ type: 'int', nullable: true }) place: number | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  /** optimistic locking: every save says which version it edited; a stale save is refused */
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
