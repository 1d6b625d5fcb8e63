import fs from 'node:fs';
import type PDFDocument from 'pdfkit';
import { fromRoot } from '../paths';
import { stripHinting } from './font-strip';

// fontkit (PDFKit's own font engine) has no type declarations; this is the little of it used here
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { create(file: Buffer): ParsedFont };

interface ParsedFont {
  characterSet: number[];
  glyphForCodePoint(codePoint: number): unknown;
}

/**
 * The certificate typefaces: PT Serif for titles, names and the award text, PT Sans for small print.
 * Both have Cyrillic (PDFKit's built-in Helvetica has none). PDFKit embeds only the glyphs a page uses
 * (a subset).
 */
export type FontName = 'serifBold' | 'serif' | 'serifItalic' | 'sans';

const FILES: Record<FontName, string[]> = {
  serifBold: ['pt-serif', '700Bold', 'PTSerif_700Bold.ttf'],
  serif: ['pt-serif', '400Regular', 'PTSerif_400Regular.ttf'],
  serifItalic: ['pt-serif', '400Regular_Italic', 'PTSerif_400Regular_Italic.ttf'],
  sans: ['pt-sans', '400Regular', 'PTSans_400Regular.ttf'],
};

/**
 * Parsing a font is most of the cost of a certificate, so each is parsed once per process and the
 * parsed font is shared by every document (PDFKit keeps each document's subset apart). fontkit caches
 * a glyph with the letters it was first asked for, and the subsetter asks for the parts of composite
 * letters (ё, й) with none: every letter is looked up once here, first, so the Unicode map of every
 * later document is complete and does not depend on what was drawn before.
 */
function parsedFont(file: Buffer): ParsedFont {
  const font = fontkit.create(file);
  for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
  return font;
}

let loaded: Record<FontName, ParsedFont> | undefined;

function fonts(): Record<FontName, ParsedFont> {
  loaded ??= Object.fromEntries(
    Object.entries(FILES).map(([name, [pkg, dir, file]]) => [name, parsedFont(stripHinting(fs.readFileSync(fromRoot('node_modules', '@expo-google-fonts', pkg, dir, file))))]),
  ) as Record<FontName, ParsedFont>;
  return loaded;
}

/**
 * Registers the fonts under their names and opens them all, in a fixed order: PDFKit numbers fonts in
 * the order they are first used, and the numbers are in the bytes, so they must not depend on what was
 * measured first.
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const parsed = fonts();
  for (const name of Object.keys(FILES) as FontName[]) doc.registerFont(name, parsed[name] as unknown as Buffer); // PDFKit takes a parsed font where it takes a file
  for (const name of Object.keys(FILES) as FontName[]) doc.font(name);
}

export type Doc = InstanceType<typeof PDFDocument>;
