import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Category } from '../cycles/category.entity';
import { User } from '../auth/user.entity';

export type AssignmentMode = 'all' | 'k';

/** The jury of a category: its members, its chair, and how nominations are given to them. */
@Entity()
@Check('panel_mode_check', `assignment_mode IN ('all', 'k')`)
@Check('panel_k_check', `assignment_mode = 'all' OR jurors_per_nomination >= 1`)
export class Panel {
  @PrimaryGeneratedColumn() id: number;
  @Index({ unique: true }) @Column({ type: 'int' }) categoryId: number;
  @OneToOne(() => Category, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'category_id' }) category?: Category;
  @Column({ type: 'int', nullable: true }) chairId: number | null;
  @ManyToOne(() => User, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'chair_id' }) chair?: User;
  @Column({ type: 'text', default: 'all' }) assignmentMode: AssignmentMode;
  @Column({ type: 'int', nullable: true }) jurorsPerNomination: number | null;
}

@Entity()
@Index(['panelId', 'jurorId'], { unique: true })
export class PanelMember {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) panelId: number;
  @ManyToOne(() => Panel, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'panel_id' }) panel?: Panel;
  @Index() @Column({ type: 'int' }) jurorId: number;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'juror_id' }) juror?: User;
}
