import PDFDocument from 'pdfkit';
import { fromRoot } from '../paths';

const FONT = fromRoot('node_modules', '@expo-google-fonts', 'pt-sans', '400Regular', 'PTSans_400Regular.ttf');

/** A small, real one-page PDF (a letter of recommendation) for demo nominations; Cyrillic text, font subset. */
export function demoLetterPdf(title: string, lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Producer: 'Laureate demo', CreationDate: new Date('2026-01-15T09:00:00Z') } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(FONT).fontSize(16).text(title, { align: 'center' }).moveDown();
    doc.fontSize(11);
    for (const line of lines) doc.text(line, { align: 'justify' }).moveDown(0.5);
    doc.end();
  });
}
