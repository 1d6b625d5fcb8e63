import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Category } from '../cycles/category.entity';
import { Municipality } from '../admin/municipality.entity';
import { User } from '../auth/user.entity';
import { Nominee } from './nominee.entity';

export const NOMINATION_STATUSES = ['draft', 'submitted', 'returned', 'accepted', 'rejected', 'withdrawn', 'winner', 'not_awarded'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/** Statuses that hold a place in the quota and make the nominee "already nominated" in the category. */
export const ACTIVE_STATUSES: NominationStatus[] = ['submitted', 'returned', 'accepted', 'winner', 'not_awarded'];

/** One nominee proposed in one category by one municipality (заявка). */
@Entity()
@Check('nomination_status_check', `status IN ('draft','submitted','returned','accepted','rejected','withdrawn','winner','not_awarded')`)
@Index('nomination_one_active_per_nominee', ['cycleId', 'categoryId', 'nomineeId'], {
  unique: true,
  where: `status IN ('submitted','returned','accepted','winner','not_awarded')`,
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
  @Column({ type: 'text', default: 'draft' }) status: NominationStatus;
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
