import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Participant } from '../programmes/participant.entity';

/** winner, nominee and juror belong to an award; completion (of a track) to a programme: see cycle-kinds.ts */
export const CERTIFICATE_KINDS = ['winner', 'nominee', 'juror', 'completion'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export interface Signatory {
  name: string;
  title: string;
}

/**
 * One version of a cycle's template for one kind of certificate. Versions are never edited: saving
 * makes a new version, so an issued certificate keeps the look it was issued with.
 */
@Entity()
@Index(['cycleId', 'kind', 'version'], { unique: true })
@Check('certificate_template_kind_check', `kind IN ('winner', 'nominee', 'juror', 'completion')`)
export class CertificateTemplate {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) cycleId: number;
  @ManyToOne(() => Cycle, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'cycle_id' }) cycle?: Cycle;
  @Column({ type: 'text' }) kind: CertificateKind;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'jsonb', default: () => `'[]'` }) signatories: Signatory[];
  @Column({ type: 'text', default: '#1d4f91' }) accentColor: string;
  @Column({ type: 'bytea', nullable: true, select: false }) emblem: Buffer | null;
  @Column({ type: 'text', nullable: true }) emblemMime: string | null;
  @Column({ type: 'bytea', nullable: true, select: false }) background: Buffer | null;
  @Column({ type: 'text', nullable: true }) backgroundMime: string | null;
  @Column({ type: 'int', nullable: true }) createdById: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/**
 * An issued certificate: a human number (PED-2026-0007, gap-free per cycle), an unguessable
 * verification code, and the values printed on it, so its PDF can be rendered again byte for byte.
 */
@Entity()
@Index(['cycleId', 'seq'], { unique: true })
@Check('certificate_kind_check', `kind IN ('winner', 'nominee', 'juror', 'completion')`)
export class Certificate {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) cycleId: number;
  @ManyToOne(() => Cycle, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'cycle_id' }) cycle?: Cycle;
  @Column({ type: 'text' }) kind: CertificateKind;
  @Column({ type: 'int' }) seq: number;
  @Index({ unique: true }) @Column({ type: 'text' }) number: string;
  @Index({ unique: true }) @Column({ type: 'text' }) code: string;
  @Column({ type: 'int' }) templateId: number;
  @ManyToOne(() => CertificateTemplate, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'template_id' }) template?: CertificateTemplate;
  @Column({ type: 'text' }) holderName: string;
  @Index() @Column({ type: 'int', nullable: true }) nominationId: number | null;
  @Column({ type: 'int', nullable: true }) jurorId: number | null;
  /** the participant a certificate of completion is for (a delegation's member has no nomination) */
  @Index() @Column({ type: 'int', nullable: true }) participantId: number | null;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'participant_id' }) participant?: Participant;
  @Column({ type: 'int', nullable: true }) categoryId: number | null;
  @Column({ type: 'int', nullable: true }) place: number | null;
  /** the placeholder values printed on it, frozen at issue */
  @Column({ type: 'jsonb' }) printed: Record<string, string>;
  @Column({ type: 'timestamptz' }) issuedAt: Date;
  @Column({ type: 'int', nullable: true }) issuedById: number | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'text', nullable: true }) revokedReason: string | null;
  @Column({ type: 'int', nullable: true }) replacedById: number | null;
}

/** The last number issued in a cycle; incremented in the issuing transaction, so numbers have no gaps. */
@Entity()
export class CertificateCounter {
  @PrimaryColumn({ type: 'int' }) cycleId: number;
  @Column({ type: 'int', default: 0 }) lastSeq: number;
}
