import fs from 'node:fs/promises';
import type { Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { roomIn } from '../web/download';
import { Attachment } from './attachment.entity';

/**
 * A document's bytes in PostgreSQL, in pieces of CHUNK_BYTES (`attachment_chunk`): stored piece by piece
 * from the upload's temporary file inside the saving transaction, and sent piece by piece, one short query
 * per piece. Neither holds a whole file in memory, and a download never keeps a database connection
 * between its pieces. Transfers take few of the pool's connections at a time (TransferSlots), so sign-ins
 * and pages always find one free, however many documents are moving.
 */

export const CHUNK_BYTES = 256 * 1024;

/** A counting semaphore, first come first served. */
export class Slots {
  private free: number;
  private waiting: Array<() => void> = [];
  constructor(readonly size: number) {
    this.free = size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/**
 * How many pool connections transfers may hold at once, per process: saves carrying new documents (a
 * transaction of up to 100 MB of pieces) and downloads' piece reads, each a quarter of the pool (at least
 * one), so half of the pool is always left to everyone else.
 */
export interface TransferSlots {
  saves: Slots;
  reads: Slots;
}

const slotsByDataSource = new WeakMap<DataSource, TransferSlots>();

export function transferSlots(ds: DataSource): TransferSlots {
  let slots = slotsByDataSource.get(ds);
  if (!slots) {
    const pool = (ds.options as { poolSize?: number }).poolSize ?? 10;
    const share = Math.max(1, Math.floor(pool / 4));
    slots = { saves: new Slots(share), reads: new Slots(share) };
    slotsByDataSource.set(ds, slots);
  }
  return slots;
}

export type DocumentRow = Pick<Attachment, 'nominationId' | 'kind' | 'fileName' | 'mime' | 'size' | 'sha256' | 'uploadedById'>;

/**
 * Inserts a document and its bytes in the caller's transaction. The bytes come from a file (an upload's
 * temporary file, read one piece at a time) or, for the demo and fixtures, a Buffer. Returns its id.
 */
export async function insertDocument(m: EntityManager, row: DocumentRow, bytes: Buffer | { path: string }): Promise<number> {
  const inserted = await m.insert(Attachment, row);
  const id = inserted.identifiers[0].id as number;
  const stored = Buffer.isBuffer(bytes) ? await storeBuffer(m, id, bytes) : await storeFile(m, id, bytes.path);
  // the size was checked when the file was judged; a file changed since then is not stored
  if (stored !== row.size) throw new Error(`document ${id}: ${stored} bytes stored, ${row.size} expected`);
  return id;
}

const insertChunk = (m: EntityManager, id: number, seq: number, data: Buffer) =>
  m.query(`INSERT INTO attachment_chunk (attachment_id, seq, data) VALUES ($1, $2, $3)`, [id, seq, data]);

async function storeBuffer(m: EntityManager, id: number, bytes: Buffer): Promise<number> {
  for (let seq = 0; seq * CHUNK_BYTES < bytes.length; seq++) await insertChunk(m, id, seq, bytes.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES));
  return bytes.length;
}

async function storeFile(m: EntityManager, id: number, path: string): Promise<number> {
  const file = await fs.open(path, 'r');
  try {
    // one buffer for every piece: pg has sent a piece by the time its query answers
    const piece = Buffer.allocUnsafe(CHUNK_BYTES);
    let total = 0;
    for (let seq = 0; ; seq++) {
      let filled = 0;
      while (filled < CHUNK_BYTES) {
        const { bytesRead } = await file.read(piece, filled, CHUNK_BYTES - filled, total + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) return total;
      await insertChunk(m, id, seq, piece.subarray(0, filled));
      total += filled;
      if (filled < CHUNK_BYTES) return total;
    }
  } finally {
    await file.close();
  }
}

/**
 * Writes a document's bytes to the response (whose headers the route has set), one piece per short query,
 * waiting while a slow client has not taken the last piece; stops when the client leaves. A piece missing
 * (the document was deleted meanwhile) or a database failure after the first bytes cuts the response off,
 * for its status can no longer change.
 */
export async function sendDocument(ds: DataSource, res: Response, doc: { id: number; size: number }): Promise<void> {
  // a HEAD request gets the headers only: nothing to read
  if (res.req.method === 'HEAD') return void res.end();
  const reads = transferSlots(ds).reads;
  const pieces = Math.ceil(doc.size / CHUNK_BYTES);
  for (let seq = 0; seq < pieces; seq++) {
    if (res.destroyed) return;
    let data: Buffer | undefined;
    try {
      const rows: Array<{ data: Buffer }> = await reads.run(() => ds.query(`SELECT data FROM attachment_chunk WHERE attachment_id = $1 AND seq = $2`, [doc.id, seq]));
      data = rows[0]?.data;
    } catch (err) {
      if (!res.headersSent) throw err;
      res.destroy();
      return;
    }
    if (!data) {
      res.destroy();
      return;
    }
    if (!res.write(data)) await roomIn(res);
  }
  if (!res.destroyed) res.end();
}
