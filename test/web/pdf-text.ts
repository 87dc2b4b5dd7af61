/**
 * Reads a PDF back for the tests (pdfjs-dist, its Node build): the pages' size and their text.
 *
 * Chromium (Skia) writes each glyph's ToUnicode entry as the lowest code point the font maps to
 * that glyph, and Noto CJK shares glyphs between an ideograph and its twins: 生 reads back as the
 * Kangxi radical ⽣, 见 as ⻅, 户 as 戶. The page shows the right glyphs; only extraction differs.
 * `fold` brings both sides to one form: NFKC (radicals → ideographs, full-width punctuation →
 * ASCII), then the twins NFKC leaves alone.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  pages: number;
  /** Each page's width and height in points (A4: 595 × 842). */
  sizes: { width: number; height: number }[];
  /** All text, pages joined, `fold`ed (compare with `fold(expected)`). */
  text: string;
}

const twins: Record<string, string> = { 戶: '户', '⻅': '见', '⻓': '长', '⻔': '门' };

export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[戶⻅⻓⻔]/g, (c) => twins[c]!)
    .replace(/\s+/g, '');
}

export async function pdfText(pdf: Uint8Array): Promise<PdfText> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  try {
    const sizes: PdfText['sizes'] = [];
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const v = page.getViewport({ scale: 1 });
      sizes.push({ width: Math.round(v.width), height: Math.round(v.height) });
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) text += item.str;
    }
    return { pages: doc.numPages, sizes, text: fold(text) };
  } finally {
    await doc.destroy();
  }
}
