import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Login attempts per client address in a fixed window; in the database so every process sees them. */
@Entity()
export class LoginThrottle {
  @PrimaryColumn({ type: 'text' }) key: string;
  @Column({ type: 'timestamptz' }) windowStart: Date;
  @Column({ type: 'int' }) attempts: number;
}
