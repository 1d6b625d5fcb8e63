import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Nomination } from './nomination.entity';

/** A document of a nomination, kept in PostgreSQL with its SHA-256. `data` is only read when downloading. */
@Entity()
@Check('attachment_size_check', `size > 0 AND size <= 10485760`)
@Check('attachment_mime_check', `mime IN ('application/pdf','image/jpeg','image/png')`)
export class Attachment {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'int' }) nominationId: number;
  @ManyToOne(() => Nomination, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'nomination_id' }) nomination?: Nomination;
  @Column({ type: 'text', default: 'other' }) kind: string;
  @Column({ type: 'text' }) fileName: string;
  @Column({ type: 'text' }) mime: string;
  @Column({ type: 'int' }) size: number;
  @Column({ type: 'text' }) sha256: string;
  @Column({ type: 'bytea', select: false }) data: Buffer;
  @Column({ type: 'int', nullable: true }) uploadedById: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
