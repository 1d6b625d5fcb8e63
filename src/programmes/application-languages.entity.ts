import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Nomination } from '../nominations/nomination.entity';
import type { LanguageLevel } from './track.entity';

/**
 * The language levels an application to a programme declares (issue 12), one per language its tracks teach in:
 * a JSON object of the normalised language name → CEFR level, checked on submission against each chosen track's
 * language and level. One row per application that declared any.
 */
@Entity()
@Check('application_languages_levels_check', `jsonb_typeof(levels) = 'object'`)
export class ApplicationLanguages {
  @PrimaryColumn({ type: 'int' }) nominationId: number;
  @ManyToOne(() => Nomination, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'nomination_id' }) nomination?: Nomination;
  @Column({ type: 'jsonb', default: () => `'{}'` }) levels: Record<string, LanguageLevel>;
}
