import { existsSync } from 'node:fs';
import * as fontkit from 'fontkit';

// The PDF needs a font with Chinese glyphs, or Chinese text comes out as empty boxes.
// Candidates: the configured one (`reports.pdfFont`), then the usual system fonts of
// Debian (fonts-wqy-microhei, fonts-noto-cjk), Windows and macOS. A font collection
// (.ttc) is searched for a face that has the glyphs. None found: the PDF is written in
// English, and the caller logs why.

export interface PdfFont {
  file: string;
  /** The face inside a collection; absent for a single-font file. */
  postscriptName?: string;
}

export const systemCjkFonts = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\simhei.ttf',
  'C:\\Windows\\Fonts\\simsun.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Medium.ttc',
  '/Library/Fonts/Arial Unicode.ttf',
];

/** 中 and 报: a face with both covers the report's words. */
const probes = [0x4e2d, 0x62a5];

function covers(font: fontkit.Font): boolean {
  return probes.every((codePoint) => font.hasGlyphForCodePoint(codePoint));
}

/** The font at `file` when it has Chinese glyphs; why not otherwise. */
export function openCjkFont(file: string): PdfFont | { problem: string } {
  if (!existsSync(file)) return { problem: `${file} does not exist` };
  try {
    const opened = fontkit.openSync(file);
    if ('fonts' in opened) {
      const face = opened.fonts.find(covers);
      return face ? { file, postscriptName: face.postscriptName } : { problem: `no face of ${file} has Chinese glyphs` };
    }
    return covers(opened) ? { file } : { problem: `${file} has no Chinese glyphs` };
  } catch (error) {
    return { problem: `${file} is not a font pdfkit can read (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The configured font when it works, else the first system font that does; the reasons for the log otherwise. */
export function findCjkFont(configured: string | undefined, candidates: readonly string[] = systemCjkFonts): { font?: PdfFont; problems: string[] } {
  const problems: string[] = [];
  if (configured) {
    const found = openCjkFont(configured);
    if ('file' in found) return { font: found, problems };
    problems.push(`reports.pdfFont: ${found.problem}`);
  }
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const found = openCjkFont(file);
    if ('file' in found) return { font: found, problems };
    problems.push(found.problem);
  }
  if (problems.length === 0) problems.push('no Chinese font found (set reports.pdfFont, or install fonts-wqy-microhei or fonts-noto-cjk)');
  return { problems };
}
