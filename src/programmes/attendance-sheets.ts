import crypto from 'node:crypto';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { judgeUpload, type UploadProblem } from '../web/uploads/judge';
import { fileNameRefused } from '../web/uploads/file-names';
import type { Track } from './track.entity';
import { TrackAttendanceSheet, type AttendanceSheetMime } from './attendance-sheet.entity';

/**
 * The hosts' attendance sheets of a track: judged by their bytes as nomination documents are (a PDF, JPEG or
 * PNG through src/web/uploads, its active-content scan included), or an XLSX told by its zip signature and
 * its `[Content_Types].xml` part, since a host's sheet is often their own spreadsheet. Stored whole (≤ 10 MB).
 */

export const MAX_SHEET_BYTES = 10 * 1024 * 1024;
export const XLSX_MIME: AttendanceSheetMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export type SheetProblem = UploadProblem | 'missing';
export type JudgedSheet = { ok: true; fileName: string; mime: AttendanceSheetMime } | { ok: false; problem: SheetProblem };

/** A spreadsheet's zip holds its part list near the start; a zip of anything else does not. */
const looksLikeXlsx = (bytes: Buffer) => bytes.subarray(0, 4).equals(ZIP_SIGNATURE) && bytes.includes('[Content_Types].xml', 0, 'latin1');

function xlsxName(original: string): string {
  const stem = path.posix.basename(original).normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '').replace(/^\.+/, '').replace(/\.[^.]*$/, '').replace(/\s+/g, ' ').trim().slice(0, 140);
  return `${stem || 'attendance'}.xlsx`;
}

export async function judgeSheet(originalName: string, bytes: Buffer): Promise<JudgedSheet> {
  if (bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    if (fileNameRefused(originalName)) return { ok: false, problem: 'badName' };
    if (bytes.length > MAX_SHEET_BYTES) return { ok: false, problem: 'tooLarge' };
    const ext = path.extname(originalName).toLowerCase();
    if (!looksLikeXlsx(bytes) || (ext !== '' && ext !== '.xlsx')) return { ok: false, problem: 'wrongType' };
    return { ok: true, fileName: xlsxName(originalName), mime: XLSX_MIME };
  }
  const judged = await judgeUpload(originalName, bytes, { maxBytes: MAX_SHEET_BYTES });
  return judged.ok ? { ok: true, fileName: judged.fileName, mime: judged.mime } : judged;
}

/** Stores a judged sheet of the track (the caller scoped it) and audits the upload, in the caller's transaction. */
export async function storeSheet(m: EntityManager, track: Pick<Track, 'id' | 'cycleId'>, sheet: { fileName: string; mime: AttendanceSheetMime; bytes: Buffer }, actorId: number): Promise<number> {
  const sha256 = crypto.createHash('sha256').update(sheet.bytes).digest('hex');
  const inserted = await m.insert(TrackAttendanceSheet, { trackId: track.id, fileName: sheet.fileName, mime: sheet.mime, size: sheet.bytes.length, sha256, data: sheet.bytes, uploadedById: actorId });
  const id = inserted.identifiers[0].id as number;
  await recordAudit(m, { actorId, entity: 'track', entityId: track.id, cycleId: track.cycleId, action: 'track.attendanceSheetUploaded', data: { sheetId: id, size: sheet.bytes.length, sha256 } });
  return id;
}

export interface SheetRow {
  id: number;
  fileName: string;
  size: number;
  uploadedBy: string | null;
  createdAt: Date;
}

/** The track's sheets, newest first, with who uploaded each. */
export function listSheets(m: EntityManager, trackId: number): Promise<SheetRow[]> {
  return m.query(
    `SELECT s.id, s.file_name AS "fileName", s.size, u.full_name AS "uploadedBy", s.created_at AS "createdAt"
       FROM track_attendance_sheet s LEFT JOIN app_user u ON u.id = s.uploaded_by_id
      WHERE s.track_id = $1 ORDER BY s.created_at DESC, s.id DESC`,
    [trackId],
  );
}

/** One sheet of the track with its bytes; null for a sheet of another track. */
export async function loadSheet(m: EntityManager, trackId: number, id: number): Promise<{ fileName: string; mime: string; data: Buffer } | null> {
  const rows: Array<{ file_name: string; mime: string; data: Buffer }> = await m.query(`SELECT file_name, mime, data FROM track_attendance_sheet WHERE id = $1 AND track_id = $2`, [id, trackId]);
  return rows[0] ? { fileName: rows[0].file_name, mime: rows[0].mime, data: Buffer.from(rows[0].data) } : null;
}
