import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Municipality } from '../regions/municipality.entity';

/**
 * A doctor (номинант), kept per municipality and reused across cycles. Fields may be blank while
 * a nomination is a draft; submission checks that they are complete.
 */
@Entity()
@Index(['municipalityId', 'lastName', 'firstName'])
export class Nominee {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) municipalityId: number;
  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'municipality_id' }) municipality?: Municipality;
  @Column({ type: 'text', default: '' }) lastName: string;
  @Column({ type: 'text', default: '' }) firstName: string;
  @Column({ type: 'text', default: '' }) patronymic: string;
  @Column({ type: 'text', default: '' }) position: string;
  @Column({ type: 'text', default: '' }) institution: string;
  @Column({ type: 'text', default: '' }) specialty: string;
  @Column({ type: 'int', nullable: true }) yearsOfPractice: number | null;
  @Column({ type: 'text', default: '' }) phone: string;
  @Column({ type: 'text', default: '' }) email: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
