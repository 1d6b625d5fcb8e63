import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Category } from '../cycles/category.entity';

/** What a score level or band of levels means, shown to jurors next to the scale. */
export interface RubricBand {
  from: number;
  to: number;
  text: string;
}

/** A weighted criterion of a category with an integer scale and its rubric (критерий). */
@Entity()
@Index(['categoryId', 'name'], { unique: true })
@Check('criterion_weight_check', `weight > 0`)
@Check('criterion_scale_check', `scale_min < scale_max`)
export class Criterion {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'int' }) categoryId: number;
  @ManyToOne(() => Category, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'category_id' }) category?: Category;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ type: 'double precision' }) weight: number;
  @Column({ type: 'int' }) scaleMin: number;
  @Column({ type: 'int' }) scaleMax: number;
  @Column({ type: 'jsonb', default: () => `'[]'` }) rubric: RubricBand[];
  @Column({ type: 'int', default: 0 }) sortOrder: number;
}
