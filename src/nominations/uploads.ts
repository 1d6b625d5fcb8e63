import crypto from 'node:crypto';
import fs from 'node:fs';
import { judgeUpload, type UploadProblem } from '../web/uploads/judge';
import type { SniffedType } from '../web/uploads/sniff';
import { CHUNK_BYTES } from './document-store';

/**
 * A nomination's documents: how many and how large, and the checked file as it is stored. The judging
 * itself (names, types by their bytes, the PDF active-content scan) is the web layer's (src/web/uploads),
 * shared with the certificate templates' images.
 */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_NOMINATION = 10;

export type AllowedMime = SniffedType;

export interface CheckedFile {
  kind: string;
  fileName: string;
  mime: AllowedMime;
  size: number;
  sha256: string;
  /** the upload's temporary file (removed when the request is over, see upload-parser.ts) */
  path: string;
}

/** An uploaded file as it waits on disk. */
export interface UploadedFile {
  path: string;
  size: number;
}

/**
 * Judges an upload on disk without reading it into memory: the type from its first bytes, the PDF scan
 * fed from the file in pieces, and its SHA-256 computed in the same pass (finished after the verdict for
 * the images, which the scan does not read).
 */
export async function checkUpload(originalName: string, upload: UploadedFile, kind: string): Promise<{ ok: true; file: CheckedFile } | { ok: false; problem: UploadProblem }> {
  const hash = crypto.createHash('sha256');
  let hashed = 0;
  async function* rest(): AsyncGenerator<Buffer> {
    if (hashed >= upload.size) return;
    for await (const chunk of fs.createReadStream(upload.path, { start: hashed, highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      hashed += chunk.length;
      yield chunk;
    }
  }
  const judged = await judgeUpload(originalName, { size: upload.size, head: await headOf(upload), chunks: rest }, { maxBytes: MAX_FILE_BYTES });
  if (!judged.ok) return judged;
  for await (const _ of rest()) {
    // hashed as it is read
  }
  return { ok: true, file: { kind, fileName: judged.fileName, mime: judged.mime, size: upload.size, sha256: hash.digest('hex'), path: upload.path } };
}

/** The first bytes of a file, enough to tell its type. */
async function headOf(upload: UploadedFile): Promise<Buffer> {
  if (upload.size === 0) return Buffer.alloc(0);
  const file = await fs.promises.open(upload.path, 'r');
  try {
    const head = Buffer.alloc(Math.min(16, upload.size));
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
