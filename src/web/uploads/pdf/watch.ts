import { WHITE, decodeName, isRegular } from './lexer';

/**
 * A second look at every byte, structure or not: inside strings, comments and the raw data of every stream
 * (images included), and in every decoded stream. A reader may be pointed (by the cross-reference table)
 * at an object hidden where a sequential reading sees only data, so names of dangerous actions are refused
 * wherever they stand. Only names long enough that image bytes never spell them by chance are looked for
 * everywhere; `/JS` (three bytes) only outside stream data and followed by a value; and an XML `<script>`
 * element (XFA forms) anywhere.
 */
export const REFUSED_NAMES = new Set([
  'JavaScript',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'FileAttachment',
  'RichMedia',
  'RichMediaExecute',
  'GoToR',
  'GoToE',
  'SubmitForm',
  'ImportData',
]);

const CAP = 40;
const enum S {
  Idle,
  Name,
  AfterJs,
  Tag,
}
const TAG_CHAR = /[A-Za-z0-9_.:-]/;

export class Watch {
  private state = S.Idle;
  private text = '';

  constructor(private found: () => void) {}

  /** `keys`: whether a `/JS` key counts here (not in stream data, where three bytes turn up by chance). */
  feed(buf: Uint8Array, keys: boolean): void {
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      switch (this.state) {
        case S.Idle:
          if (b === 0x2f) {
            this.state = S.Name;
            this.text = '';
          } else if (b === 0x3c) {
            this.state = S.Tag;
            this.text = '';
          }
          break;
        case S.Name:
          if (isRegular(b)) {
            if (this.text.length <= CAP) this.text += String.fromCharCode(b);
            break;
          }
          this.state = S.Idle;
          if (this.text.length <= CAP) {
            const name = decodeName(this.text);
            if (REFUSED_NAMES.has(name)) return this.found();
            if (name === 'JS' && keys) this.state = S.AfterJs;
          }
          i--;
          break;
        case S.AfterJs:
          if (WHITE[b]) break;
          if (b === 0x28 || b === 0x3c || (b >= 0x30 && b <= 0x39)) return this.found();
          this.state = S.Idle;
          i--;
          break;
        case S.Tag:
          if (TAG_CHAR.test(String.fromCharCode(b))) {
            if (this.text.length <= CAP) this.text += String.fromCharCode(b);
            break;
          }
          this.state = S.Idle;
          if ((WHITE[b] || b === 0x3e || b === 0x2f) && /^([A-Za-z0-9_.-]+:)?script$/i.test(this.text)) return this.found();
          i--;
          break;
      }
    }
  }
}
