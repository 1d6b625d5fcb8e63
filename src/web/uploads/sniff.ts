import path from 'node:path';

/** The types an upload may have, told by its first bytes; the name and the browser's claim are not trusted. */
export type SniffedType = 'application/pdf' | 'image/jpeg' | 'image/png';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type from the file's first bytes (eight are enough), or null for anything else. */
export function sniffMime(head: Uint8Array): SniffedType | null {
  const bytes = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 8));
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.equals(PNG_SIGNATURE)) return 'image/png';
  return null;
}

const EXTENSIONS: Record<SniffedType, string[]> = { 'application/pdf': ['.pdf'], 'image/jpeg': ['.jpg', '.jpeg'], 'image/png': ['.png'] };

/** The extension a file of this type is stored and sent with. */
export const extensionOf = (mime: SniffedType) => EXTENSIONS[mime][0];

/** Whether the name's extension (if any) agrees with the type the bytes show: «scan.jpg» holding a PDF does not. */
export function nameFitsType(name: string, mime: SniffedType): boolean {
  const ext = path.extname(name).toLowerCase();
  return ext === '' || EXTENSIONS[mime].includes(ext);
}
