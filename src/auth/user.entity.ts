import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Municipality } from '../regions/municipality.entity';
import type { Locale } from '../web/i18n';

/**
 * admin, officer (a municipality's), juror; coordinator: a host institution's coordinator of a programme's
 * tracks (marks completion of the tracks its institution hosts); registrar: checks people in at the door of
 * the events they are bound to (src/events).
 */
export const ROLES = ['admin', 'officer', 'juror', 'coordinator', 'registrar'] as const;
export type Role = (typeof ROLES)[number];

@Entity('app_user')
@Check('app_user_role_check', `role IN ('admin', 'officer', 'juror', 'coordinator', 'registrar')`)
@Check('app_user_coordinator_institution_check', `role <> 'coordinator' OR institution IS NOT NULL`)
@Check('app_user_officer_municipality_check', `role <> 'officer' OR municipality_id IS NOT NULL`)
export class User {
  @PrimaryGeneratedColumn() id: number;
  /** Stored lower-cased and trimmed: addresses that differ only in case are one account. */
  @Index({ unique: true }) @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) fullName: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ type: 'int', nullable: true }) municipalityId: number | null;
  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'municipality_id' }) municipality?: Municipality;
  /** A juror's institution, compared (normalised) against nominees' institutions for conflicts; a coordinator's host institution (matched, normalised, to tracks' hosts). */
  @Column({ type: 'text', nullable: true }) institution: string | null;
  @Column({ type: 'text', nullable: true }) passwordHash: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** the language Laureate writes to this person in (mail): set by their language switch while signed in */
  @Column({ type: 'text', default: 'ru' }) language: Locale;
  @Column({ type: 'int', default: 0 }) failedLogins: number;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
