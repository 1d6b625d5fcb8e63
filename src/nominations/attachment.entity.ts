import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Nomination } from './nomination.entity';

/**
 * A document of a nomination, described by this row (name, type, size, SHA-256); its bytes are kept in
 * PostgreSQL as AttachmentChunk rows (see document-store.ts), so every app process serves every document.
 */
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
  @Column({ type: 'int', nullable: true }) uploadedById: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/**
 * One piece of a document's bytes (256 KB, the last one shorter), `seq` counting from 0. A download reads
 * one piece per short query, so no transfer holds a database connection for long, and no process holds a
 * whole file in memory. The pieces go with their document.
 */
@Entity()
export class AttachmentChunk {
  @PrimaryColumn({ type: 'int' }) attachmentId: number;
  @PrimaryColumn({ type: 'int' }) seq: number;
  @ManyToOne(() => Attachment, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'attachment_id' }) attachment?: Attachment;
  @Column({ type: 'bytea' }) data: Buffer;
}
