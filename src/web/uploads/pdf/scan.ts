import { performance } from 'node:perf_hooks';
import { Budget, DecodeError, TooMuchData, decoderChain, type Sink, type Step } from './decoders';
import { Lexer } from './lexer';
import { Facts, Structure, type ObjectFacts, type PdfProblem, type Value } from './structure';
import { Watch } from './watch';

export type { PdfProblem } from './structure';

/**
 * The active-content scan of an uploaded PDF, fed in chunks as they arrive (a whole Buffer today, a
 * stream later): `write()` each chunk, then `end()` gives the problem or null. It refuses
 *  - actions that run scripts, start programs, open other files or send data (JavaScript, Launch, GoToR,
 *    GoToE, SubmitForm, ImportData, RichMedia), embedded files, XFA forms with scripts, and a /URI that
 *    opens by itself (/OpenAction, /AA) — a link the reader must click stays allowed, for CVs have links;
 *  - what it cannot read: encryption, filters it does not know on streams that may hold objects, object
 *    streams that do not decode or do not hold what their header says;
 *  - files that decode to more than `maxInflatedBytes` in all (a Flate bomb).
 * The work is linear in the file and in what it decodes: one pass of a tokenizer (lexer.ts) and a byte
 * watch (watch.ts), streams decoded as they pass (decoders.ts), Flate on zlib's thread pool; it yields to
 * the event loop every few milliseconds, so other requests are answered while a file is scanned.
 */

export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
/** Each stream costs a little setting up; a file of this many is refused as too complex to check (books have fewer). */
export const MAX_STREAMS = 50_000;
/** The size of the pieces read between checks of the clock. */
const PIECE = 64 * 1024;
/** The longest the scan keeps the event loop before letting other work run. */
const SLICE_MS = 8;
const ENDSTREAM = Buffer.from('endstream');

const IMAGE_CODECS = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'CCITTFaxDecode', 'CCF', 'JBIG2Decode']);
const CODECS: Record<string, Step['filter']> = {
  FlateDecode: 'flate',
  Fl: 'flate',
  LZWDecode: 'lzw',
  LZW: 'lzw',
  ASCIIHexDecode: 'hex',
  AHx: 'hex',
  ASCII85Decode: 'ascii85',
  A85: 'ascii85',
  RunLengthDecode: 'runLength',
  RL: 'runLength',
};
/** Worst first: the message names the most useful reason. */
const PRIORITY: PdfProblem[] = ['encrypted', 'active', 'tooLarge', 'unreadable'];

type Plan = { kind: 'decode'; steps: Step[] } | { kind: 'skip' } | { kind: 'refuse'; problem: PdfProblem };

const int = (v: Value | undefined, fallback: number) => (v?.t === 'int' ? v.v : fallback);

/** How a stream's data is to be read, from its /Filter and /DecodeParms. */
function planOf(dict: Map<string, Value>, holdsObjects: boolean): Plan {
  if (!holdsObjects && dict.get('Subtype')?.t === 'name' && (dict.get('Subtype') as { v: string }).v === 'Image') return { kind: 'skip' };
  const filter = dict.get('Filter');
  const names = filter === undefined ? [] : filter.t === 'name' ? [filter] : filter.t === 'arr' ? filter.items : null;
  if (!names || names.some((n) => n.t !== 'name')) return { kind: 'refuse', problem: 'unreadable' };
  const parms = dict.get('DecodeParms');
  const parmList = parms === undefined || parms.t === 'other' ? [] : parms.t === 'dict' ? [parms] : parms.t === 'arr' ? parms.items : null;
  const steps: Step[] = [];
  for (const [i, n] of names.entries()) {
    const name = (n as { v: string }).v;
    if (name === 'Crypt') return { kind: 'refuse', problem: 'encrypted' };
    if (IMAGE_CODECS.has(name)) return { kind: 'skip' };
    const filterKind = CODECS[name];
    if (!filterKind) return { kind: 'refuse', problem: 'unreadable' };
    if (filterKind === 'flate' || filterKind === 'lzw') {
      // parameters given by reference are not followed: without them the predictor is unknown, so the data is
      // not read (it matters only if it holds objects, or is an XFA form — see Facts.verdict)
      if (parmList === null) return holdsObjects ? { kind: 'refuse', problem: 'unreadable' } : { kind: 'skip' };
      const p = parmList[i];
      const e = p?.t === 'dict' ? p.e : new Map<string, Value>();
      steps.push({
        filter: filterKind,
        params: { predictor: int(e.get('Predictor'), 1), colors: int(e.get('Colors'), 1), bitsPerComponent: int(e.get('BitsPerComponent'), 8), columns: int(e.get('Columns'), 1), earlyChange: int(e.get('EarlyChange'), 1) },
      });
    } else steps.push({ filter: filterKind });
  }
  return { kind: 'decode', steps };
}

interface StreamData {
  sink: Sink | null;
  failed: boolean;
  holdsObjects: boolean;
  length: number | null;
  delivered: number;
  held: Buffer;
  facts: ObjectFacts | null;
}

export class PdfScanner {
  private problems = new Set<PdfProblem>();
  private stopped = false;
  private facts = new Facts();
  private budget: Budget;
  private watch = new Watch(() => this.report('active'));
  private structure = new Structure(this.facts, { kind: 'file' }, (p) => this.report(p));
  private lexer = new Lexer(this.structure.token);
  private offset = 0;
  private streams = 0;
  private data: StreamData | null = null;
  private lastBreath = performance.now();

  constructor(limits: { maxInflatedBytes?: number } = {}) {
    this.budget = new Budget(limits.maxInflatedBytes ?? MAX_INFLATED_BYTES);
  }

  /** Whether the verdict is already certain (the rest of the file need not be read). */
  get done(): boolean {
    return this.stopped;
  }

  async write(chunk: Buffer): Promise<void> {
    for (let i = 0; i < chunk.length && !this.stopped; i += PIECE) await this.piece(chunk.subarray(i, i + PIECE));
  }

  async end(): Promise<PdfProblem | null> {
    if (this.stopped) this.data?.sink?.destroy?.();
    if (!this.stopped && this.data) {
      // the file ended inside a stream's data
      this.report('unreadable');
      await this.closeStream();
    }
    if (!this.stopped) {
      this.lexer.end(this.offset);
      this.structure.end();
      const problem = this.facts.verdict();
      if (problem) this.report(problem);
    }
    return PRIORITY.find((p) => this.problems.has(p)) ?? null;
  }

  private report(p: PdfProblem): void {
    this.problems.add(p);
    if (p !== 'unreadable') this.stopped = true;
  }

  /** Lets other work run when this scan has held the event loop for a slice. */
  readonly breathe = async (): Promise<void> => {
    if (performance.now() - this.lastBreath < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.lastBreath = performance.now();
  };

  private async piece(buf: Buffer): Promise<void> {
    let i = 0;
    while (i < buf.length && !this.stopped) {
      if (this.data) {
        i = await this.streamBytes(buf, i);
        continue;
      }
      const { stop, stream } = this.lexer.feed(buf, i, this.offset);
      this.watch.feed(buf.subarray(i, stop), true);
      i = stop;
      if (stream) this.beginStream();
    }
    this.offset += buf.length;
    await this.breathe();
  }

  private beginStream(): void {
    const { dict, facts } = this.structure.stream!;
    this.structure.stream = null;
    if (++this.streams > MAX_STREAMS) return this.report('tooLarge');
    const type = dict.get('Type');
    const holdsObjects = (type?.t === 'name' && type.v === 'ObjStm') || dict.has('First');
    const plan = planOf(dict, holdsObjects);
    const length = dict.get('Length');
    this.data = { sink: null, failed: false, holdsObjects, length: length?.t === 'int' ? length.v : null, delivered: 0, held: Buffer.alloc(0), facts };
    if (plan.kind === 'refuse') return this.report(plan.problem);
    if (plan.kind === 'skip') {
      // pixels hold no objects; a stream that claims to hold objects but is coded as an image cannot be read
      if (holdsObjects) this.report('unreadable');
      return;
    }
    const count = int(dict.get('N'), -1);
    const first = int(dict.get('First'), -1);
    // an object stream without a readable header is refused, but still decoded: a script in it is the better reason
    const header = count >= 0 && first >= 0;
    if (holdsObjects && !header) this.report('unreadable');
    const reader = holdsObjects && header ? new ObjectStreamReader(this.facts, count, first, (p) => this.report(p), this.breathe) : new WatchSink(new Watch(() => this.report('active')), holdsObjects, this.breathe);
    try {
      this.data.sink = decoderChain(plan.steps, reader, this.budget);
    } catch (err) {
      this.decodeFailed(err);
    }
  }

  /** Stream data up to `endstream`; a partial `endstream` at the end of a piece is held until the next. */
  private async streamBytes(buf: Buffer, from: number): Promise<number> {
    const d = this.data!;
    const heldLength = d.held.length;
    const region = heldLength ? Buffer.concat([d.held, buf.subarray(from)]) : buf.subarray(from);
    const at = region.indexOf(ENDSTREAM);
    if (at >= 0) {
      await this.deliver(region.subarray(0, at));
      await this.closeStream();
      return from + at + ENDSTREAM.length - heldLength;
    }
    let keep = Math.min(ENDSTREAM.length - 1, region.length);
    while (keep > 0 && !region.subarray(region.length - keep).equals(ENDSTREAM.subarray(0, keep))) keep--;
    await this.deliver(region.subarray(0, region.length - keep));
    d.held = Buffer.from(region.subarray(region.length - keep));
    return buf.length;
  }

  private async deliver(bytes: Buffer): Promise<void> {
    const d = this.data!;
    if (!bytes.length) return;
    this.watch.feed(bytes, false);
    d.delivered += bytes.length;
    if (!d.sink || d.failed || this.stopped) return;
    try {
      await d.sink.write(bytes);
    } catch (err) {
      this.decodeFailed(err);
    }
  }

  private async closeStream(): Promise<void> {
    const d = this.data!;
    this.data = null;
    // `endstream` before the declared length: a reader trusting /Length would read on, past what was read here
    if (d.length !== null && d.delivered < d.length) this.report('unreadable');
    if (d.held.length) this.watch.feed(d.held, false);
    if (d.sink && !d.failed && !this.stopped) {
      try {
        await d.sink.end();
      } catch (err) {
        this.decodeFailed(err);
      }
    }
    if (d.facts) d.facts.inspected = !!d.sink && !d.failed;
  }

  private decodeFailed(err: unknown): void {
    if (err instanceof TooMuchData) return this.report('tooLarge');
    const d = this.data;
    if (d) d.failed = true;
    if (!(err instanceof DecodeError) && !(err as { code?: string })?.code) throw err;
    if (!d || d.holdsObjects) this.report('unreadable');
  }
}

/** Decoded data that holds no objects (pages, fonts, XFA, metadata): watched for action names and scripts. */
class WatchSink implements Sink {
  constructor(private watch: Watch, private keys: boolean, private breathe: () => Promise<void>) {}
  async write(chunk: Buffer): Promise<void> {
    this.watch.feed(chunk, this.keys);
    await this.breathe();
  }
  async end(): Promise<void> {}
}

/** A decoded object stream: its objects parsed like the file's own, and watched like every other byte. */
class ObjectStreamReader implements Sink {
  private structure: Structure;
  private lexer: Lexer;
  private watch: Watch;
  private offset = 0;
  constructor(facts: Facts, count: number, first: number, report: (p: PdfProblem) => void, private breathe: () => Promise<void>) {
    this.structure = new Structure(facts, { kind: 'objectStream', count, first }, report);
    this.lexer = new Lexer(this.structure.token);
    this.watch = new Watch(() => report('active'));
  }
  async write(chunk: Buffer): Promise<void> {
    this.lexer.feed(chunk, 0, this.offset);
    this.watch.feed(chunk, true);
    this.offset += chunk.length;
    await this.breathe();
  }
  async end(): Promise<void> {
    this.lexer.end(this.offset);
    this.structure.end();
  }
}

/** Scans a whole file or a stream of its chunks; null when the PDF may be accepted. */
export async function scanPdf(source: Buffer | AsyncIterable<Buffer>, limits?: { maxInflatedBytes?: number }): Promise<PdfProblem | null> {
  const scanner = new PdfScanner(limits);
  if (Buffer.isBuffer(source)) await scanner.write(source);
  else
    for await (const chunk of source) {
      await scanner.write(chunk);
      if (scanner.done) break;
    }
  return scanner.end();
}
