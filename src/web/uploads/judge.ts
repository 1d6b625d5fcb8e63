import { fileNameRefused, safeFileName } from './file-names';
import { scanPdf, MAX_INFLATED_BYTES, type PdfProblem } from './pdf/scan';
import { nameFitsType, sniffMime, type SniffedType } from './sniff';

/**
 * One uploaded file judged by its name and its bytes, the same way for every form that takes files
 * (a nomination's documents, a certificate template's emblem and background). Messages live under
 * `nominations.uploads.<problem>` in both catalogs; `uploadMessageParams` gives what they quote.
 */
export type UploadProblem = 'badName' | 'empty' | 'tooLarge' | 'wrongType' | 'pdfScript' | 'pdfEncrypted' | 'pdfUnreadable' | 'pdfTooLarge';

export type JudgedUpload = { ok: true; mime: SniffedType; fileName: string } | { ok: false; problem: UploadProblem };

const PDF_PROBLEMS: Record<PdfProblem, UploadProblem> = { active: 'pdfScript', encrypted: 'pdfEncrypted', unreadable: 'pdfUnreadable', tooLarge: 'pdfTooLarge' };

/** A file judged without holding it in memory (an upload on disk): its size, its first bytes, and its bytes in chunks. */
export interface StreamedUpload {
  size: number;
  head: Buffer;
  chunks: () => AsyncIterable<Buffer>;
}

/**
 * Refuses a tricky name, an empty or too large file, a type other than PDF, JPEG or PNG (or one the name
 * contradicts), and a PDF with active content or that cannot be inspected (see pdf/scan.ts). The PDF scan
 * is asynchronous and yields to the event loop, so a hostile file never stalls other requests.
 */
export async function judgeUpload(originalName: string, data: Buffer | StreamedUpload, limits: { maxBytes: number }): Promise<JudgedUpload> {
  const file = Buffer.isBuffer(data) ? { size: data.length, head: data, chunks: () => data } : data;
  if (fileNameRefused(originalName)) return { ok: false, problem: 'badName' };
  if (file.size === 0) return { ok: false, problem: 'empty' };
  if (file.size > limits.maxBytes) return { ok: false, problem: 'tooLarge' };
  const mime = sniffMime(file.head);
  if (!mime || !nameFitsType(originalName, mime)) return { ok: false, problem: 'wrongType' };
  if (mime === 'application/pdf') {
    const problem = await scanPdf(file.chunks());
    if (problem) return { ok: false, problem: PDF_PROBLEMS[problem] };
  }
  return { ok: true, mime, fileName: safeFileName(originalName, mime) };
}

/** What an upload message quotes: the file's name (as shownFileName gives it) and the decoding limit in MB. */
export const uploadMessageParams = (shownName: string) => ({ name: shownName, max: MAX_INFLATED_BYTES / (1024 * 1024) });
