import crypto from 'node:crypto';
import path from 'node:path';
import zlib from 'node:zlib';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_NOMINATION = 10;

export type AllowedMime = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface CheckedFile {
  kind: string;
  fileName: string;
  mime: AllowedMime;
  size: number;
  sha256: string;
  data: Buffer;
}

export type UploadProblem = 'badName' | 'empty' | 'tooLarge' | 'wrongType' | 'pdfScript';

/** The file's type from its first bytes; the name and the browser's claim are not trusted. */
export function sniffMime(data: Buffer): AllowedMime | null {
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** Names of actions and attachments: long enough that image bytes never spell them by chance. */
const ACTIVE_NAMES = /\/(JavaScript|Launch|EmbeddedFiles?|RichMedia)\b/;
/** `/JS` is three bytes, which megabytes of image data hold by chance: counted only with a value after it. */
const SCRIPT_KEY = /\/JS\s*(?:[(<]|\d+\s+\d+\s+R)/;
/** Encodings of a stream not read here (Flate is; images have their own). */
const UNREAD_ENCODINGS = /\/(ASCIIHexDecode|ASCII85Decode|LZWDecode|RunLengthDecode|AHx|A85|LZW|RL)\b/;
/** PDF names may spell any byte as #xx: `/J#61vaScript` is `/JavaScript`. */
const decodeNames = (text: string) => text.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * A PDF that carries JavaScript, launches programs or embeds files is refused: jurors open these files.
 * The whole file is read for the names of such actions, and so is every compressed stream but images, for
 * PDF 1.5 may keep objects compressed in object streams; object streams in an encoding not read here are
 * refused. A heuristic, not a PDF parser: the documents are also served sandboxed (see the juror routes).
 */
function pdfHasActiveContent(data: Buffer): boolean {
  const text = data.toString('latin1');
  const names = decodeNames(text);
  if (ACTIVE_NAMES.test(names) || SCRIPT_KEY.test(names)) return true;
  if (names.includes('/ObjStm') && UNREAD_ENCODINGS.test(names)) return true;
  for (const m of text.matchAll(/(?<!end)stream(?:\r\n|\n|\r)/g)) {
    const dictionary = decodeNames(text.slice(Math.max(0, m.index - 2048), m.index));
    if (/\/Subtype\s*\/Image\b/.test(dictionary) && !dictionary.includes('/ObjStm')) continue;
    const end = text.indexOf('endstream', m.index);
    const inflated = inflate(text.slice(m.index + m[0].length, end < 0 ? text.length : end));
    if (inflated !== null && ACTIVE_NAMES.test(decodeNames(inflated))) return true;
  }
  return false;
}

/** A Flate stream's text, or null (not Flate, or larger than any object stream is). */
function inflate(body: string): string | null {
  try {
    return zlib.inflateSync(Buffer.from(body, 'latin1'), { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: 16 * 1024 * 1024 }).toString('latin1');
  } catch {
    return null;
  }
}

/** Control characters (C0, DEL, C1) and the bidirectional overrides that make «fdp.exe» look like «exe.pdf». */
const CONTROL = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

/**
 * Whether a file name as the browser sent it is refused: a folder in it (`/` or `\`), a `..` segment,
 * a control character, or a leading dot (a hidden file). Such a name is a trick, not a document's name,
 * so the upload is refused and the person asked to rename the file; nothing is guessed or stored.
 * (The multipart parsers keep the name as sent — multer's preservePath — so the path reaches this check.)
 */
export function fileNameRefused(original: string): boolean {
  return /[/\\]/.test(original) || original.split(/[/\\]/).includes('..') || CONTROL.test(original) || /^\s*\./.test(original);
}

/** A file name fit to quote in a message: control characters shown as �. */
export const shownFileName = (original: string) => original.replace(new RegExp(CONTROL.source, 'gu'), '\ufffd');

/**
 * A file name safe to store and to send back in Content-Disposition: no folders, no control
 * characters, no leading dots, at most 150 characters, with the extension that matches the real type.
 * Names with folders, control characters or a leading dot are refused before this (fileNameRefused);
 * the cleaning stays as a second line of defence.
 */
export function safeFileName(original: string, mime: AllowedMime): string {
  const base = path.posix.basename(original.replace(/\\/g, '/'));
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '')
    .replace(/^\.+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const ext = mime === 'application/pdf' ? '.pdf' : mime === 'image/png' ? '.png' : '.jpg';
  const stem = cleaned.replace(/\.[^.]*$/, '').slice(0, 140) || 'document';
  return `${stem}${ext}`;
}

export function checkUpload(originalName: string, data: Buffer, kind: string): { ok: true; file: CheckedFile } | { ok: false; problem: UploadProblem } {
  if (fileNameRefused(originalName)) return { ok: false, problem: 'badName' };
  if (data.length === 0) return { ok: false, problem: 'empty' };
  if (data.length > MAX_FILE_BYTES) return { ok: false, problem: 'tooLarge' };
  const mime = sniffMime(data);
  if (!mime) return { ok: false, problem: 'wrongType' };
  const declaredExt = path.extname(originalName).toLowerCase();
  const extMatches =
    declaredExt === '' ||
    (mime === 'application/pdf' && declaredExt === '.pdf') ||
    (mime === 'image/jpeg' && ['.jpg', '.jpeg'].includes(declaredExt)) ||
    (mime === 'image/png' && declaredExt === '.png');
  if (!extMatches) return { ok: false, problem: 'wrongType' };
  if (mime === 'application/pdf' && pdfHasActiveContent(data)) return { ok: false, problem: 'pdfScript' };
  return {
    ok: true,
    file: { kind, fileName: safeFileName(originalName, mime), mime, size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex'), data },
  };
}
