import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Login sessions (see auth/session-store.ts); shared by every app process. */
@Entity('session')
export class SessionRow {
  @PrimaryColumn({ type: 'varchar' }) sid: string;
  @Column({ type: 'json' }) sess: object;
  @Index('session_expire_idx') @Column({ type: 'timestamp', precision: 6 }) expire: Date;
}
