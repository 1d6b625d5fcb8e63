import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Track } from './track.entity';

/** The types an attendance sheet may have: a scan (PDF, JPEG, PNG) or the host's own spreadsheet (XLSX). */
export const ATTENDANCE_SHEET_MIMES = ['application/pdf', 'image/jpeg', 'image/png', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const;
export type AttendanceSheetMime = (typeof ATTENDANCE_SHEET_MIMES)[number];

/**
 * A host's attendance sheet of a track (issue 12), as the admin or the host's coordinator uploaded it: one row
 * per upload with its bytes (at most 10 MB, a handful per track, so no chunks as nomination documents have);
 * several may be uploaded (a corrected sheet, a second page), each listed with who and when.
 */
@Entity()
@Check('track_attendance_sheet_size_check', `size > 0 AND size <= 10485760`)
@Check('track_attendance_sheet_mime_check', `mime IN ('application/pdf','image/jpeg','image/png','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')`)
export class TrackAttendanceSheet {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'int' }) trackId: number;
  @ManyToOne(() => Track, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'track_id' }) track?: Track;
  @Column({ type: 'text' }) fileName: string;
  @Column({ type: 'text' }) mime: AttendanceSheetMime;
  @Column({ type: 'int' }) size: number;
  @Column({ type: 'text' }) sha256: string;
  /** read only by the download (lists select the other columns) */
  @Column({ type: 'bytea', select: false }) data: Buffer;
  @Column({ type: 'int', nullable: true }) uploadedById: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
