import { OVERLONG, type Token } from './lexer';

/**
 * The objects of a PDF read from its tokens: dictionaries and arrays on a small stack, references folded
 * (`5 0 R`), `N G obj` headers seen. Only what the scan needs is kept — a stream's filters and parameters,
 * each action's type, and for each object the few references an automatic action could follow — so memory
 * stays small whatever the file. Checks that need no other object are made when a dictionary closes;
 * the rest (actions reached by reference from an open action) once the whole file is read (Facts.verdict).
 */

export type Value =
  | { t: 'name'; v: string }
  | { t: 'int'; v: number }
  | { t: 'ref'; k: string }
  | { t: 'dict'; e: Map<string, Value> }
  | { t: 'arr'; items: Value[] }
  | { t: 'other' };

export type PdfProblem = 'active' | 'encrypted' | 'unreadable' | 'tooLarge';

/** Action types refused wherever they stand: scripts, programs, other files, sending or loading form data. */
export const REFUSED_ACTIONS = new Set(['JavaScript', 'Launch', 'GoToR', 'GoToE', 'SubmitForm', 'ImportData', 'RichMediaExecute', 'Rendition']);
/** Keys whose action runs by itself (on opening the file or a page, on focus…), not when a link is clicked. */
const AUTOMATIC = new Set(['OpenAction', 'AA']);
/** Keys whose value is kept: a stream's description and an action's type. */
const KEPT = new Set(['Type', 'Subtype', 'S', 'Filter', 'DecodeParms', 'Length', 'N', 'First', 'Predictor', 'Colors', 'BitsPerComponent', 'Columns', 'EarlyChange']);
const MAX_DEPTH = 256;
const NO_ENTRIES: Map<string, Value> = new Map();
const MAX_REFS = 64;

/** What the end-of-file checks need to know of one object (one definition of it: a file may redefine objects). */
export interface ObjectFacts {
  kind: 'dict' | 'arr' | 'name' | 'other';
  name?: string;
  action?: Value;
  typed: boolean;
  /** a /URI action inside that is not reached through a link's /A (so it runs if this object is an automatic action) */
  uri: boolean;
  refs: string[];
  nextRefs: string[];
  /** for a stream: whether its data was decoded and read */
  inspected?: boolean;
}

/** Everything learnt across the file and its object streams. */
export class Facts {
  readonly objects = new Map<string, ObjectFacts[]>();
  readonly automaticRefs: string[] = [];
  readonly xfaRefs: string[] = [];
  readonly actionTypeRefs: Array<{ ref: string; automatic: boolean }> = [];

  define(key: string, facts: ObjectFacts): void {
    const list = this.objects.get(key);
    if (list) list.push(facts);
    else this.objects.set(key, [facts]);
  }

  /** The checks that follow references, once every object is known. */
  verdict(): PdfProblem | null {
    const nameOf = (ref: string) => this.objects.get(ref)?.find((f) => f.kind === 'name')?.name;
    for (const { ref, automatic } of this.actionTypeRefs) {
      const type = nameOf(ref);
      if (type && (REFUSED_ACTIONS.has(type) || (automatic && type === 'URI'))) return 'active';
    }
    // an automatic action given by reference, or a dictionary of them (/AA 9 0 R), or a chain of /Next
    const seen = new Set<string>();
    const queue: Array<[string, boolean]> = this.automaticRefs.map((r) => [r, true]);
    while (queue.length) {
      const [ref, entry] = queue.pop()!;
      if (seen.has(`${ref}${entry}`)) continue;
      seen.add(`${ref}${entry}`);
      for (const f of this.objects.get(ref) ?? []) {
        if (f.action) {
          const type = f.action.t === 'name' ? f.action.v : f.action.t === 'ref' ? nameOf(f.action.k) : undefined;
          if (type === 'URI' || (type && REFUSED_ACTIONS.has(type))) return 'active';
          if (f.uri) return 'active';
          for (const n of f.nextRefs) queue.push([n, false]);
        } else if (f.kind === 'arr' || (entry && f.kind === 'dict' && !f.typed)) {
          if (f.uri) return 'active';
          for (const n of f.refs) queue.push([n, false]);
        }
      }
    }
    // XFA forms are read by the scan only if their streams were decoded
    for (const ref of this.xfaRefs) {
      const defs = this.objects.get(ref);
      if (!defs || defs.some((f) => f.inspected !== true)) return 'unreadable';
    }
    return null;
  }
}

interface Frame {
  dict: boolean;
  /** the key this container is the value of (for an array, the key the array is the value of) */
  key: string | null;
  automatic: boolean;
  clicked: boolean;
  xfa: boolean;
  /** a dictionary's key waiting for its value */
  pending: string | null;
  /** a dictionary's kept entries, made when the first is kept */
  entries: Map<string, Value> | null;
  items: Value[] | null;
  refs: string[] | null;
  nextRefs: string[] | null;
}

export type Mode = { kind: 'file' } | { kind: 'objectStream'; count: number; first: number };

/**
 * The parser. In a file it follows `N G obj … endobj` and hands back the dictionary before `stream`; in an
 * object stream it reads the header of object numbers and offsets, then the objects, and checks that each
 * object stands where the header says (an offset into the middle of another object would let a reader see
 * an object this reading never saw).
 */
export class Structure {
  private stack: Frame[] = [];
  private ints: Array<{ v: number; start: number; end: number }> = [];
  private object: string | null = null;
  /** in a file, an object has one value: what follows it before `endobj` is not an object of its own */
  private defined = false;
  private topDict: Map<string, Value> | null = null;
  private topFacts: ObjectFacts | null = null;
  /** object stream: header numbers, then objects read so far */
  private header: number[] = [];
  private read = 0;
  private lastEnd = 0;
  /** the stream about to begin: its dictionary, its object, the facts to mark when its data is read */
  stream: { dict: Map<string, Value>; object: string | null; facts: ObjectFacts | null } | null = null;

  constructor(private facts: Facts, private mode: Mode, private report: (p: PdfProblem) => void) {}

  readonly token = (tok: Token, start: number, end: number): boolean => {
    if (tok.t === 'int') {
      if (this.ints.length === 2) this.flushOne();
      this.ints.push({ v: tok.v, start, end });
      return false;
    }
    if (tok.t === 'word' && (tok.v === 'R' || tok.v === 'obj') && this.ints.length === 2) {
      const [num, gen] = this.ints;
      this.ints = [];
      if (tok.v === 'R') this.value({ t: 'ref', k: `${num.v} ${gen.v}` }, num.start, end);
      else this.beginObject(`${num.v} ${gen.v}`);
      return false;
    }
    while (this.ints.length) this.flushOne();
    switch (tok.t) {
      case 'name':
        this.value(tok, start, end);
        return false;
      case 'str':
        this.value({ t: 'other' }, start, end);
        return false;
      case '<<':
      case '[':
        this.open(tok.t === '<<', start);
        return false;
      case '>>':
      case ']':
        this.close(tok.t === '>>', end);
        return false;
      case 'word':
        return this.word(tok.v, start, end);
    }
    return false;
  };

  /** The end of the input: numbers still waiting are values; an object stream must have held all its objects. */
  end(): void {
    while (this.ints.length) this.flushOne();
    if (this.mode.kind === 'objectStream' && this.read < this.mode.count) this.report('unreadable');
  }

  private flushOne(): void {
    const n = this.ints.shift()!;
    this.value({ t: 'int', v: n.v }, n.start, n.end);
  }

  private word(w: string, start: number, end: number): boolean {
    if (this.mode.kind === 'file') {
      if (w === 'stream' && this.stack.length === 0 && this.topDict) {
        this.stream = { dict: this.topDict, object: this.object, facts: this.topFacts };
        this.topDict = null;
        return true;
      }
      if (w === 'endobj') {
        this.object = null;
        this.stack = [];
        this.topDict = null;
        return false;
      }
    }
    this.value({ t: 'other' }, start, end);
    return false;
  }

  private beginObject(key: string): void {
    if (this.mode.kind !== 'file') return;
    this.object = key;
    this.defined = false;
    this.stack = [];
    this.topDict = null;
  }

  private positionKey(): string | null {
    const f = this.stack[this.stack.length - 1];
    return f ? (f.dict ? f.pending : f.key) : null;
  }

  private open(dict: boolean, start: number): void {
    if (this.stack.length === 0) {
      if (this.mode.kind === 'objectStream' && this.header.length < 2 * this.mode.count) this.report('unreadable');
      if (!this.topLevelValue(start)) return;
    }
    if (this.stack.length >= MAX_DEPTH) {
      this.report('unreadable');
      this.stack = [];
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    const key = this.positionKey();
    const depth1 = this.stack.length === 0;
    this.stack.push({
      dict,
      key,
      automatic: (parent?.automatic ?? false) || (key !== null && AUTOMATIC.has(key)),
      clicked: (parent?.clicked ?? false) || key === 'A',
      xfa: (parent?.xfa ?? false) || key === 'XFA',
      pending: null,
      entries: null,
      items: !dict && (key === 'Filter' || key === 'DecodeParms') ? [] : null,
      refs: depth1 ? [] : null,
      nextRefs: depth1 ? [] : null,
    });
  }

  private close(dict: boolean, end: number): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame || frame.dict !== dict) return; // a stray bracket: readers skip it
    this.stack.pop();
    let value: Value;
    if (dict) {
      value = { t: 'dict', e: frame.entries ?? NO_ENTRIES };
      this.checkAction(frame);
    } else value = frame.items ? { t: 'arr', items: frame.items } : { t: 'other' };
    if (this.stack.length === 0) this.topLevelDone(frame, value, end);
    else this.place(value);
  }

  /** A dictionary that is an action: refused by its type, or (a /URI) when it runs by itself. */
  private checkAction(frame: Frame): void {
    const type = frame.entries?.get('S');
    if (type?.t === 'name') {
      if (REFUSED_ACTIONS.has(type.v) || (type.v === 'URI' && frame.automatic)) this.report('active');
      // a link's /URI inside an object is fine unless the object itself is reached as an automatic action
      if (type.v === 'URI' && !frame.clicked && !frame.automatic) this.uriInside = true;
    } else if (type?.t === 'ref') this.facts.actionTypeRefs.push({ ref: type.k, automatic: frame.automatic });
  }

  private uriInside = false;

  /** A value at the top level: an object's value. In an object stream, the next object, checked against the header. */
  private topLevelValue(start: number): boolean {
    if (this.mode.kind === 'file') {
      this.topDict = null;
      return true;
    }
    const { count, first } = this.mode;
    if (this.header.length < 2 * count) return true; // a header number (ints never reach here)
    if (this.read >= count) return false;
    const offset = first + this.header[2 * this.read + 1];
    if (!(this.lastEnd <= offset && offset <= start)) this.report('unreadable');
    this.object = `${this.header[2 * this.read]} 0`;
    this.read++;
    return true;
  }

  private topLevelDone(frame: Frame, value: Value, end: number): void {
    this.lastEnd = end;
    const facts: ObjectFacts = {
      kind: value.t === 'dict' ? 'dict' : frame.dict ? 'dict' : 'arr',
      typed: frame.entries?.has('Type') ?? false,
      action: frame.entries?.get('S'),
      uri: this.uriInside,
      refs: frame.refs ?? [],
      nextRefs: frame.nextRefs ?? [],
    };
    this.uriInside = false;
    this.define(facts);
    if (this.mode.kind === 'file' && frame.dict) {
      this.topDict = frame.entries ?? NO_ENTRIES;
      this.topFacts = facts;
    }
  }

  private define(facts: ObjectFacts): void {
    if (!this.object || this.defined) return;
    this.facts.define(this.object, facts);
    if (this.mode.kind === 'file') this.defined = true;
  }

  private value(v: Value, start: number, end: number): void {
    if (this.stack.length === 0) {
      if (this.mode.kind === 'objectStream' && this.header.length < 2 * this.mode.count) {
        if (v.t === 'int' && v.v >= 0) this.header.push(v.v);
        else this.report('unreadable');
        this.lastEnd = end;
        return;
      }
      if (!this.topLevelValue(start)) return;
      this.lastEnd = end;
      this.define({ kind: v.t === 'name' ? 'name' : 'other', name: v.t === 'name' ? v.v : undefined, typed: false, uri: false, refs: [], nextRefs: [] });
      return;
    }
    const frame = this.stack[this.stack.length - 1];
    if (frame.dict && frame.pending === null) {
      if (v.t !== 'name') return; // not a key: readers skip it
      frame.pending = v.v;
      if (v.v === 'JS' || v.v === 'EF') this.report('active');
      if (v.v === 'Encrypt') this.report('encrypted');
      return;
    }
    if (v.t === 'ref') this.noteRef(frame, v.k);
    this.place(v);
  }

  private noteRef(frame: Frame, ref: string): void {
    const key = frame.dict ? frame.pending : frame.key;
    if (frame.automatic || (key !== null && AUTOMATIC.has(key))) this.facts.automaticRefs.push(ref);
    if (frame.xfa || key === 'XFA') this.facts.xfaRefs.push(ref);
    if (frame.refs && frame.refs.length < MAX_REFS) frame.refs.push(ref);
    const top = this.stack[0];
    if (key === 'Next' && top.nextRefs && (frame === top || (this.stack.length === 2 && !frame.dict))) top.nextRefs.push(ref);
  }

  private place(v: Value): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame.dict) {
      const key = frame.pending;
      frame.pending = null;
      if (key !== null && key !== OVERLONG && KEPT.has(key)) (frame.entries ??= new Map()).set(key, v);
    } else if (frame.items) {
      if (frame.items.length < 32) frame.items.push(v);
      else this.report('unreadable');
    }
  }
}
