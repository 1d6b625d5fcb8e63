import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A one-time link, sent by mail, that lets a person who forgot their password set a new one. Only the
 * SHA-256 of the token is stored: whoever reads the database (or a backup) cannot use a link.
 */
@Entity()
@Index('password_reset_by_user', ['userId', 'createdAt'])
export class PasswordReset {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) userId: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'user_id' }) user?: User;
  @Index('password_reset_token_hash', { unique: true }) @Column({ type: 'text' }) tokenHash: string;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  /** when the link was used, or stopped working because a newer one was asked for or the password was set */
  @Column({ type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
