import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Region } from './region.entity';

@Entity()
@Index(['regionId', 'name'], { unique: true })
export class Municipality {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) regionId: number;
  @ManyToOne(() => Region, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'region_id' }) region?: Region;
  @Column({ type: 'text' }) name: string;
}
