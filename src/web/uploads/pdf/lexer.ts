/**
 * PDF tokens from bytes, one byte at a time and in any chunks: a state machine, so the work is linear in
 * the input and a token may span chunks. Comments and the contents of strings are skipped (they hold no
 * structure); names are decoded (`/J#61vaScript` is `/JavaScript`). After the keyword `stream` the caller
 * may take over the bytes that follow (the stream's data) — see `feed`.
 */

export type Token =
  | { t: 'name'; v: string }
  | { t: 'int'; v: number }
  | { t: 'word'; v: string }
  | { t: 'str' }
  | { t: '<<' | '>>' | '[' | ']' };

/** Receives each token with its first and past-the-end offsets; answers true after `stream` when data follows. */
export type TokenSink = (token: Token, start: number, end: number) => boolean;

export const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;
export const isRegular = (b: number) => !WHITE[b] && !DELIM[b];

/** Longer names and words are kept as this marker: nothing the scan looks for is that long. */
const CAP = 128;
export const OVERLONG = '\u0000';

const enum S {
  Idle,
  Comment,
  Str,
  Lt,
  Hex,
  Gt,
  Name,
  Word,
  StreamEol,
  StreamCr,
}

export const decodeName = (raw: string) => (raw.indexOf('#') < 0 ? raw : raw.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))));

export class Lexer {
  private state = S.Idle;
  private text = '';
  private depth = 0;
  private escaped = false;
  private start = 0;

  constructor(private sink: TokenSink) {}

  /**
   * Reads `buf` from `from`, where `base` is the offset of buf[0] in the whole input. Returns the index
   * where a stream's data begins (just after the line end that follows `stream`, when the sink asked for
   * it), or buf.length when every byte was read as tokens.
   */
  feed(buf: Buffer, from: number, base: number): { stop: number; stream: boolean } {
    for (let i = from; i < buf.length; i++) {
      const b = buf[i];
      switch (this.state) {
        case S.Idle:
          if (WHITE[b]) break;
          this.start = base + i;
          if (b === 0x25) this.state = S.Comment;
          else if (b === 0x28) {
            this.state = S.Str;
            this.depth = 1;
            this.escaped = false;
          } else if (b === 0x3c) this.state = S.Lt;
          else if (b === 0x3e) this.state = S.Gt;
          else if (b === 0x5b || b === 0x5d) this.sink({ t: b === 0x5b ? '[' : ']' }, this.start, base + i + 1);
          else if (b === 0x2f) {
            this.state = S.Name;
            this.text = '';
          } else if (isRegular(b)) {
            this.state = S.Word;
            this.text = String.fromCharCode(b);
          }
          // a stray ')', '{' or '}' carries nothing
          break;
        case S.Comment:
          if (b === 10 || b === 13) this.state = S.Idle;
          break;
        case S.Str:
          if (this.escaped) this.escaped = false;
          else if (b === 0x5c) this.escaped = true;
          else if (b === 0x28) this.depth++;
          else if (b === 0x29 && --this.depth === 0) {
            this.state = S.Idle;
            this.sink({ t: 'str' }, this.start, base + i + 1);
          }
          break;
        case S.Lt:
          if (b === 0x3c) {
            this.state = S.Idle;
            this.sink({ t: '<<' }, this.start, base + i + 1);
          } else {
            this.state = S.Hex;
            i--;
          }
          break;
        case S.Hex:
          if (b === 0x3e) {
            this.state = S.Idle;
            this.sink({ t: 'str' }, this.start, base + i + 1);
          }
          break;
        case S.Gt:
          this.state = S.Idle;
          if (b === 0x3e) this.sink({ t: '>>' }, this.start, base + i + 1);
          else i--;
          break;
        case S.Name:
        case S.Word:
          if (isRegular(b)) {
            if (this.text.length <= CAP) this.text += String.fromCharCode(b);
            break;
          }
          if (this.finishToken(base + i)) this.state = S.StreamEol;
          i--;
          break;
        case S.StreamEol:
          this.state = S.Idle;
          if (b === 13) this.state = S.StreamCr;
          else return { stop: b === 10 ? i + 1 : i, stream: true };
          break;
        case S.StreamCr:
          this.state = S.Idle;
          return { stop: b === 10 ? i + 1 : i, stream: true };
      }
    }
    return { stop: buf.length, stream: false };
  }

  /** The end of the input: a name or word still open is complete. */
  end(at: number): void {
    if (this.state === S.Name || this.state === S.Word) this.finishToken(at);
    this.state = S.Idle;
  }

  private finishToken(end: number): boolean {
    const kind = this.state;
    this.state = S.Idle;
    const text = this.text.length > CAP ? OVERLONG : this.text;
    if (kind === S.Name) return this.sink({ t: 'name', v: text === OVERLONG ? OVERLONG : decodeName(text) }, this.start, end);
    if (/^[+-]?\d{1,15}$/.test(text)) return this.sink({ t: 'int', v: Number(text) }, this.start, end);
    return this.sink({ t: 'word', v: text }, this.start, end);
  }
}
