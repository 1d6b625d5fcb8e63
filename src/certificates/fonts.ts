import fs from 'node:fs';
import type PDFDocument from 'pdfkit';
import { fromRoot } from '../paths';
import { stripHinting } from './font-strip';

/**
 * The certificate typefaces: PT Serif for titles, names and the award text, PT Sans for small print.
 * Both have Cyrillic (PDFKit's built-in Helvetica has none). The files are read once per process and
 * handed to every document as Buffers; PDFKit embeds only the glyphs a page uses (a subset).
 */
export type FontName = 'serifBold' | 'serif' | 'serifItalic' | 'sans';

const FILES: Record<FontName, string[]> = {
  serifBold: ['pt-serif', '700Bold', 'PTSerif_700Bold.ttf'],
  serif: ['pt-serif', '400Regular', 'PTSerif_400Regular.ttf'],
  serifItalic: ['pt-serif', '400Regular_Italic', 'PTSerif_400Regular_Italic.ttf'],
  sans: ['pt-sans', '400Regular', 'PTSans_400Regular.ttf'],
};

let loaded: Record<FontName, Buffer> | undefined;

function fontFiles(): Record<FontName, Buffer> {
  loaded ??= Object.fromEntries(
    Object.entries(FILES).map(([name, [pkg, dir, file]]) => [name, stripHinting(fs.readFileSync(fromRoot('node_modules', '@expo-google-fonts', pkg, dir, file)))]),
  ) as Record<FontName, Buffer>;
  return loaded;
}

/**
 * Registers the fonts under their names and opens them all, in a fixed order: PDFKit numbers fonts in
 * the order they are first used, and the numbers are in the bytes, so they must not depend on what was
 * measured first.
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const files = fontFiles();
  for (const name of Object.keys(FILES) as FontName[]) doc.registerFont(name, files[name]);
  for (const name of Object.keys(FILES) as FontName[]) doc.font(name);
}

export type Doc = InstanceType<typeof PDFDocument>;
