import path from 'node:path';
import { extensionOf, type SniffedType } from './sniff';

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
export function safeFileName(original: string, mime: SniffedType): string {
  const base = path.posix.basename(original.replace(/\\/g, '/'));
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '')
    .replace(/^\.+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const stem = cleaned.replace(/\.[^.]*$/, '').slice(0, 140) || 'document';
  return `${stem}${extensionOf(mime)}`;
}
