import { once } from 'node:events';
import zlib from 'node:zlib';

/**
 * Streaming decoders for the PDF stream filters a reader applies: Flate (node:zlib, asynchronous, so a
 * bomb inflates on the thread pool and never on the event loop), LZW, ASCIIHex, ASCII85, RunLength, and
 * the PNG and TIFF predictors. Each is a Sink that decodes what it is given and passes it on, so a stream
 * is inspected as it arrives and never held whole. Every decoded byte is charged to the file's budget.
 */

export interface Sink {
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
  /** gives up: frees what decoding holds (zlib's memory) when the scan stops early */
  destroy?(): void;
}

/** The stream cannot be decoded (corrupt data, parameters out of range). */
export class DecodeError extends Error {}
/** The file decodes to more than its budget: refused rather than inflated further. */
export class TooMuchData extends Error {}

export class Budget {
  constructor(private left: number) {}
  charge(bytes: number): void {
    this.left -= bytes;
    if (this.left < 0) throw new TooMuchData();
  }
}

const PIECE = 64 * 1024;

/** Collects a decoder's output in pieces of 64 KB, charging the budget as it goes (so LZW cannot run away). */
class Out {
  private pieces: Buffer[] = [];
  private cur = Buffer.allocUnsafe(PIECE);
  private n = 0;
  constructor(private budget: Budget) {}
  byte(b: number): void {
    if (this.n === PIECE) this.seal();
    this.cur[this.n++] = b;
  }
  bytes(src: Uint8Array, from = 0, to = src.length): void {
    for (let i = from; i < to; i++) this.byte(src[i]);
  }
  take(): Buffer[] {
    if (this.n) this.seal();
    const taken = this.pieces;
    this.pieces = [];
    return taken;
  }
  private seal(): void {
    this.budget.charge(this.n);
    this.pieces.push(Buffer.from(this.cur.subarray(0, this.n)));
    this.n = 0;
  }
}

/** A synchronous decoder: reads input bytes, writes to `out`. */
interface Codec {
  push(chunk: Buffer, out: Out): void;
  finish(out: Out): void;
}

class CodecSink implements Sink {
  private out: Out;
  constructor(private codec: Codec, private next: Sink, budget: Budget) {
    this.out = new Out(budget);
  }
  async write(chunk: Buffer): Promise<void> {
    for (let i = 0; i < chunk.length; i += PIECE) {
      this.codec.push(chunk.subarray(i, i + PIECE), this.out);
      for (const piece of this.out.take()) await this.next.write(piece);
    }
  }
  destroy(): void {
    this.next.destroy?.();
  }
  async end(): Promise<void> {
    this.codec.finish(this.out);
    for (const piece of this.out.take()) await this.next.write(piece);
    await this.next.end();
  }
}

/** Compressed streams up to this size are inflated at once (most are small: a page, a font, an object stream). */
const SMALL_INPUT = 64 * 1024;
/** …as long as they inflate to no more than this, which takes about a millisecond; larger ones stream. */
const SMALL_OUTPUT = 1024 * 1024;
const FLATE = { finishFlush: zlib.constants.Z_SYNC_FLUSH };

/**
 * Flate. A small stream is inflated in one synchronous call (a zlib stream per small object would cost more
 * than the inflating); anything larger goes through zlib's stream, which runs on the thread pool, so a bomb
 * never holds the event loop. A truncated stream gives what it holds, as readers do.
 */
class InflateSink implements Sink {
  private small: Buffer[] | null = [];
  private smallBytes = 0;
  private z: zlib.Inflate | null = null;
  private pump: Promise<void> = Promise.resolve();
  constructor(private next: Sink, private budget: Budget) {}

  async write(chunk: Buffer): Promise<void> {
    if (this.small) {
      this.small.push(chunk);
      this.smallBytes += chunk.length;
      if (this.smallBytes <= SMALL_INPUT) return;
      return this.stream();
    }
    return this.feed(chunk);
  }

  async end(): Promise<void> {
    if (this.small) {
      const input = Buffer.concat(this.small);
      let out: Buffer | null = null;
      try {
        out = zlib.inflateSync(input, { ...FLATE, chunkSize: 4096, maxOutputLength: SMALL_OUTPUT });
      } catch (err) {
        if ((err as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') throw new DecodeError('flate');
      }
      if (out) {
        this.budget.charge(out.length);
        this.small = null;
        for (let i = 0; i < out.length; i += PIECE) await this.next.write(out.subarray(i, i + PIECE));
        return this.next.end();
      }
      await this.stream();
    }
    if (!this.z!.destroyed) this.z!.end();
    await this.pump;
    await this.next.end();
  }

  destroy(): void {
    this.z?.destroy();
    this.next.destroy?.();
  }

  /** From here on through zlib's stream, starting with what was held. */
  private async stream(): Promise<void> {
    const held = Buffer.concat(this.small!);
    this.small = null;
    const z = (this.z = zlib.createInflate(FLATE));
    // errors reach the pump below; this listener only keeps a late one from being "unhandled"
    z.on('error', () => undefined);
    this.pump = (async () => {
      try {
        for await (const piece of z as AsyncIterable<Buffer>) {
          this.budget.charge(piece.length);
          await this.next.write(piece);
        }
      } catch (err) {
        throw (err as { code?: string }).code?.startsWith('Z_') ? new DecodeError('flate') : err;
      }
    })();
    this.pump.catch(() => undefined);
    await this.feed(held);
  }

  private async feed(chunk: Buffer): Promise<void> {
    const z = this.z!;
    if (z.destroyed) return this.pump;
    if (!z.write(chunk)) await Promise.race([once(z, 'drain'), this.pump]);
  }
}

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) HEX['0123456789abcdef'.charCodeAt(i)] = HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;

class AsciiHex implements Codec {
  private hi = -1;
  private done = false;
  push(chunk: Buffer, out: Out): void {
    for (let i = 0; i < chunk.length && !this.done; i++) {
      const b = chunk[i];
      if (b === 0x3e) this.done = true;
      else if (HEX[b] >= 0) {
        if (this.hi < 0) this.hi = HEX[b];
        else {
          out.byte(this.hi * 16 + HEX[b]);
          this.hi = -1;
        }
      } else if (!WHITE[b]) throw new DecodeError('hex');
    }
  }
  finish(out: Out): void {
    if (this.hi >= 0) out.byte(this.hi * 16);
  }
}

class Ascii85 implements Codec {
  private acc = 0;
  private n = 0;
  private done = false;
  push(chunk: Buffer, out: Out): void {
    for (let i = 0; i < chunk.length && !this.done; i++) {
      const b = chunk[i];
      if (WHITE[b]) continue;
      if (b === 0x7e) this.done = true;
      else if (b === 0x7a && this.n === 0) for (let k = 0; k < 4; k++) out.byte(0);
      else if (b >= 33 && b <= 117) {
        this.acc = this.acc * 85 + (b - 33);
        if (++this.n === 5) this.group(out, 4);
      } else throw new DecodeError('ascii85');
    }
  }
  finish(out: Out): void {
    if (this.n < 2) return;
    const bytes = this.n - 1;
    while (this.n < 5) {
      this.acc = this.acc * 85 + 84;
      this.n++;
    }
    this.group(out, bytes);
  }
  private group(out: Out, bytes: number): void {
    if (this.acc > 0xffffffff) throw new DecodeError('ascii85');
    for (let k = 0; k < bytes; k++) out.byte(Math.floor(this.acc / 2 ** (24 - 8 * k)) & 0xff);
    this.acc = 0;
    this.n = 0;
  }
}

class RunLength implements Codec {
  private literal = 0;
  private repeat = 0;
  private done = false;
  push(chunk: Buffer, out: Out): void {
    for (let i = 0; i < chunk.length && !this.done; i++) {
      const b = chunk[i];
      if (this.literal > 0) {
        out.byte(b);
        this.literal--;
      } else if (this.repeat > 0) {
        for (let k = 0; k < this.repeat; k++) out.byte(b);
        this.repeat = 0;
      } else if (b < 128) this.literal = b + 1;
      else if (b > 128) this.repeat = 257 - b;
      else this.done = true;
    }
  }
  finish(): void {}
}

class Lzw implements Codec {
  private prefix = new Int32Array(4096);
  private suffix = new Uint8Array(4096);
  private first = new Uint8Array(4096);
  private stack = new Uint8Array(4096);
  private next = 258;
  private width = 9;
  private prev = -1;
  private bits = 0;
  private nbits = 0;
  private done = false;
  constructor(private early: number) {
    for (let i = 0; i < 256; i++) {
      this.suffix[i] = i;
      this.first[i] = i;
      this.prefix[i] = -1;
    }
  }
  push(chunk: Buffer, out: Out): void {
    for (let i = 0; i < chunk.length && !this.done; i++) {
      this.bits = ((this.bits << 8) | chunk[i]) & 0xffffff;
      this.nbits += 8;
      while (this.nbits >= this.width && !this.done) {
        this.nbits -= this.width;
        this.code((this.bits >> this.nbits) & ((1 << this.width) - 1), out);
      }
    }
  }
  finish(): void {}
  private code(code: number, out: Out): void {
    if (code === 256) {
      this.next = 258;
      this.width = 9;
      this.prev = -1;
      return;
    }
    if (code === 257) {
      this.done = true;
      return;
    }
    if (this.prev < 0) {
      if (code > 255) throw new DecodeError('lzw');
      out.byte(code);
      this.prev = code;
      return;
    }
    if (code > this.next || (code === this.next && this.next >= 4096)) throw new DecodeError('lzw');
    const firstByte = code < this.next ? this.first[code] : this.first[this.prev];
    if (this.next < 4096) {
      this.prefix[this.next] = this.prev;
      this.suffix[this.next] = firstByte;
      this.first[this.next] = this.first[this.prev];
      this.next++;
      if (this.next + this.early >= 1 << this.width && this.width < 12) this.width++;
    }
    let n = 0;
    for (let c = code; c >= 0; c = this.prefix[c]) this.stack[n++] = this.suffix[c];
    while (n > 0) out.byte(this.stack[--n]);
    this.prev = code;
  }
}

export interface PredictorParams {
  predictor: number;
  colors: number;
  bitsPerComponent: number;
  columns: number;
}

/** Undoes the PNG (10–15, a filter byte per row) and TIFF (2) predictors. */
class Predictor implements Codec {
  private rowLen: number;
  private bpp: number;
  private row: Uint8Array;
  private prev: Uint8Array;
  private cur: Uint8Array;
  private pos = 0;
  private png: boolean;
  constructor(p: PredictorParams) {
    const { predictor, colors, bitsPerComponent: bpc, columns } = p;
    const fits = Number.isInteger(colors) && colors >= 1 && colors <= 32 && [1, 2, 4, 8, 16].includes(bpc) && Number.isInteger(columns) && columns >= 1;
    if (!fits || (predictor !== 2 && predictor < 10) || predictor > 15 || (predictor === 2 && bpc !== 8)) throw new DecodeError('predictor');
    this.png = predictor >= 10;
    this.rowLen = Math.ceil((colors * bpc * columns) / 8);
    if (this.rowLen > 1 << 22) throw new DecodeError('predictor');
    this.bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
    this.row = new Uint8Array(this.rowLen + (this.png ? 1 : 0));
    this.prev = new Uint8Array(this.rowLen);
    this.cur = new Uint8Array(this.rowLen);
  }
  push(chunk: Buffer, out: Out): void {
    for (let i = 0; i < chunk.length; i++) {
      this.row[this.pos++] = chunk[i];
      if (this.pos === this.row.length) {
        this.decodeRow();
        out.bytes(this.cur);
        [this.prev, this.cur] = [this.cur, this.prev];
        this.pos = 0;
      }
    }
  }
  finish(): void {}
  private decodeRow(): void {
    const { row, prev, cur, bpp, rowLen } = this;
    if (!this.png) {
      for (let i = 0; i < rowLen; i++) cur[i] = (row[i] + (i >= bpp ? cur[i - bpp] : 0)) & 0xff;
      return;
    }
    const type = row[0];
    if (type > 4) throw new DecodeError('png row');
    for (let i = 0; i < rowLen; i++) {
      const x = row[i + 1];
      const a = i >= bpp ? cur[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      let v = x;
      if (type === 1) v = x + a;
      else if (type === 2) v = x + b;
      else if (type === 3) v = x + ((a + b) >> 1);
      else if (type === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      cur[i] = v & 0xff;
    }
  }
}

export type Step = { filter: 'flate' | 'lzw'; params: PredictorParams & { earlyChange: number } } | { filter: 'hex' | 'ascii85' | 'runLength' };

/** The sink that decodes `steps` in order (the first filter applied first) and hands the result to `last`. */
export function decoderChain(steps: Step[], last: Sink, budget: Budget): Sink {
  let sink = last;
  for (const step of [...steps].reverse()) {
    if (step.filter === 'flate' || step.filter === 'lzw') {
      if (step.params.predictor > 1) sink = new CodecSink(new Predictor(step.params), sink, budget);
      sink = step.filter === 'flate' ? new InflateSink(sink, budget) : new CodecSink(new Lzw(step.params.earlyChange), sink, budget);
    } else sink = new CodecSink(step.filter === 'hex' ? new AsciiHex() : step.filter === 'ascii85' ? new Ascii85() : new RunLength(), sink, budget);
  }
  return sink;
}
