import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCjkFont, openCjkFont, systemCjkFonts } from '../../../electron/core/reports/pdf-font';
import { writeScheduledPdf } from '../../../electron/core/reports/render-pdf';
import type { ScheduledReportData } from '../../../electron/core/reports/report-data';

// The PDF's font: a Chinese one found on the machine (CI installs fonts-wqy-microhei), or
// English with the reason, never boxes.

const dir = mkdtempSync(join(tmpdir(), 'callboard-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data: ScheduledReportData = {
  from: Date.parse('2026-11-18T16:00:00Z'), to: Date.parse('2026-11-19T16:00:00Z'), timeZone: 'Asia/Shanghai', generatedAt: Date.parse('2026-11-19T23:00:00Z'),
  queues: [], agents: [], pauseReasons: [],
};

describe('the PDF font', () => {
  it('finds a face with Chinese glyphs in a system font collection', () => {
    const found = findCjkFont(undefined);
    expect(found.font?.file).toBe(systemCjkFonts.find((file) => 'file' in openCjkFont(file)));
    expect(found.font?.postscriptName).toBeTruthy();
  });

  it('says why a configured file is no font, then falls back to the system one', () => {
    const bogus = join(dir, 'bogus.ttf');
    writeFileSync(bogus, 'not a font');
    const found = findCjkFont(bogus);
    expect(found.problems[0]).toMatch(/^reports\.pdfFont: .*bogus\.ttf is not a font/);
    expect(found.font).toBeDefined();
  });

  it('without any font writes the report in English with a Latin font', async () => {
    const none = findCjkFont(undefined, []);
    expect(none.font).toBeUndefined();
    expect(none.problems.join(' ')).toMatch(/no Chinese font found/);
    const written = await writeScheduledPdf(data, { file: join(dir, 'latin.pdf'), title: '日报', language: 'zh-CN' });
    expect(written.language).toBe('en');
    const pdf = readFileSync(written.file).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain('/BaseFont /Helvetica');
    expect(pdf).not.toMatch(/\/FontFile2/);
    // The Chinese title could not be drawn: '?' stands in for it, in the document's title too (UTF-16BE there).
    expect(pdf).toContain(Buffer.from('\ufeffCall center report · ??', 'utf16le').swap16().toString('latin1'));
  });
});
