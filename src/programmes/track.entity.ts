import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Category } from '../cycles/category.entity';
import type { DocumentKind } from '../cycles/category.entity';

/** How a track is taught: on site at the host, remotely, or both. */
export const TRACK_FORMATS = ['in_person', 'remote', 'blended'] as const;
export type TrackFormat = (typeof TRACK_FORMATS)[number];

/** How its places are given: by the programme's selection and allocation, or directly to a delegation. */
export const PLACE_METHODS = ['competitive', 'direct'] as const;
export type PlaceMethod = (typeof PLACE_METHODS)[number];

/** The CEFR levels a track may ask of the language it is taught in. */
export const LANGUAGE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

/**
 * A track of a programme (issue 12), as a category is of an award: one internship or course at a host
 * institution, with its dates, hours and places, and what an applicant must bring to it.
 */
@Entity()
@Index(['cycleId', 'name'], { unique: true })
@Check('track_dates_check', `end_date >= start_date`)
@Check('track_hours_check', `academic_hours >= 1`)
@Check('track_places_check', `places >= 1`)
@Check('track_quota_check', `quota_per_municipality IS NULL OR quota_per_municipality >= 1`)
@Check('track_min_years_check', `min_years_practice >= 0`)
@Check('track_format_check', `format IN ('in_person','remote','blended')`)
@Check('track_place_method_check', `place_method IN ('competitive','direct')`)
@Check('track_required_documents_check', `jsonb_typeof(required_documents) = 'array'`)
@Check('track_language_level_check', `language_level IS NULL OR language_level IN ('A1','A2','B1','B2','C1','C2')`)
export class Track {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'int' }) cycleId: number;
  @ManyToOne(() => Cycle, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'cycle_id' }) cycle?: Cycle;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ type: 'text' }) hostInstitution: string;
  @Column({ type: 'text' }) city: string;
  @Column({ type: 'text' }) country: string;
  /** calendar days at the host, as the host's letter gives them (no time of day, no zone) */
  @Column({ type: 'date' }) startDate: string;
  @Column({ type: 'date' }) endDate: string;
  @Column({ type: 'int' }) academicHours: number;
  @Column({ type: 'text' }) format: TrackFormat;
  @Column({ type: 'int' }) places: number;
  /** null: no limit on places per municipality */
  @Column({ type: 'int', nullable: true }) quotaPerMunicipality: number | null;
  @Column({ type: 'int', default: 0 }) minYearsPractice: number;
  /** the specialty asked of applicants; blank: any */
  @Column({ type: 'text', default: '' }) specialty: string;
  /** the language the track is taught in, when it asks one of applicants; blank: none */
  @Column({ type: 'text', default: '' }) language: string;
  @Column({ type: 'text', nullable: true }) languageLevel: LanguageLevel | null;
  /** a JSON list, as the schema keeps its other short lists (a second text[] table trips TypeORM's parallel schema reads) */
  @Column({ type: 'jsonb', default: () => `'[]'` }) requiredDocuments: DocumentKind[];
  @Column({ type: 'text', default: 'competitive' }) placeMethod: PlaceMethod;
  @Column({ type: 'int', default: 0 }) sortOrder: number;
  /**
   * The ranking its places are given by: a category of the programme, kept by src/programmes (one for the whole
   * programme, or one per track, as the cycle's rankingScope says). Null for a track given directly (a delegation).
   */
  @Index() @Column({ type: 'int', nullable: true }) categoryId: number | null;
  @ManyToOne(() => Category, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'category_id' }) category?: Category;
}
