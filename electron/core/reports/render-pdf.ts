import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import type { AgentFigures } from '../contract/agent-figures';
import type { ReportRow } from '../contract/history';
import { formatLocal } from '../base/time-zone';
import { scheduledReportWords, type ExportLanguage } from '../store/export-labels';
import type { PdfFont } from './pdf-font';
import type { ScheduledReportData } from './report-data';

// The scheduled report as a PDF: title, period, generated-at, a table of queues and a table
// of agents on A4 landscape pages. Figures are the contract's, only formatted here. Without
// a Chinese font (pdf-font.ts) the words are English and any other non-Latin text is
// replaced by '?', so no page ever shows empty boxes.

interface Column<Row> {
  label: string;
  /** Share of the table width. */
  width: number;
  text: (row: Row) => string;
  align?: 'left' | 'right';
}

const MARGIN = 36;
const ROW_HEIGHT = 18;
const FONT_SIZE = 9;
const ACCENT = '#1f4e79';

function hms(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);

/** Text the Latin font can draw: WinAnsi's printable range, anything else as '?'. */
function latinOnly(text: string): string {
  return text.replace(/[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2026]/g, '?');
}

export interface PdfOptions {
  file: string;
  title: string;
  language: ExportLanguage;
  /** A Chinese font; without one the report is written in English. */
  font?: PdfFont;
}

export async function writeScheduledPdf(data: ScheduledReportData, options: PdfOptions): Promise<{ file: string; language: ExportLanguage }> {
  const language: ExportLanguage = options.font ? options.language : 'en';
  const clean = options.font ? (text: string) => text : latinOnly;
  const words = scheduledReportWords(language);
  const periodText = `${formatLocal(data.from, data.timeZone).slice(0, 16)} – ${formatLocal(data.to, data.timeZone).slice(0, 16)} (${data.timeZone})`;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: clean(`${words.title} · ${options.title}`),
      // Plain ASCII: readable in the file as it is, for whoever indexes reports by period.
      Subject: `${formatLocal(data.from, data.timeZone)} .. ${formatLocal(data.to, data.timeZone)} ${data.timeZone}`,
      Creator: 'Callboard',
      CreationDate: new Date(data.generatedAt),
    },
  });
  if (options.font) {
    doc.registerFont('body', options.font.file, options.font.postscriptName);
    doc.font('body');
  } else {
    doc.font('Helvetica');
  }
  const out = createWriteStream(options.file);
  doc.pipe(out);

  const width = doc.page.width - 2 * MARGIN;
  doc.fillColor(ACCENT).fontSize(18).text(clean(`${words.title} · ${options.title}`), MARGIN, MARGIN);
  doc.moveDown(0.3).fillColor('#333333').fontSize(10);
  doc.text(`${words.period}: ${periodText}`);
  doc.text(`${words.generatedAt}: ${formatLocal(data.generatedAt, data.timeZone)}`);
  doc.moveDown(0.8);

  const r = words.report;
  const a = words.agentWords;
  const queueColumns: Column<ReportRow>[] = [
    { label: words.queue, width: 1.5, text: (row) => clean(row.key), align: 'left' },
    { label: r.offered!, width: 1, text: (row) => String(row.offered) },
    { label: r.answered!, width: 1, text: (row) => String(row.answered) },
    { label: r.abandoned!, width: 1, text: (row) => String(row.abandoned) },
    { label: r.abandonRate!, width: 1, text: (row) => percent(row.abandonRate) },
    { label: r.serviceLevel!, width: 1, text: (row) => percent(row.serviceLevel) },
    { label: r.asaSeconds!, width: 1, text: (row) => hms(row.asaSeconds) },
    { label: r.attSeconds!, width: 1, text: (row) => hms(row.attSeconds) },
    { label: r.ahtSeconds!, width: 1, text: (row) => hms(row.ahtSeconds) },
    { label: r.wrapupSum!, width: 1.2, text: (row) => hms(row.wrapupSum) },
  ];
  const agentColumns: Column<AgentFigures>[] = [
    { label: a.agent, width: 1.3, text: (row) => clean(row.agent), align: 'left' },
    { label: a.callsTaken, width: 1, text: (row) => String(row.callsTaken) },
    { label: a.talk, width: 1, text: (row) => hms(row.talkSum) },
    { label: a.hold, width: 1, text: (row) => hms(row.holdSum) },
    { label: a.wrapup, width: 1, text: (row) => hms(row.wrapupSum) },
    { label: a.aht, width: 1, text: (row) => hms(row.ahtSeconds) },
    { label: a.longestCall, width: 1, text: (row) => hms(row.longestCallSeconds) },
    { label: a.pause, width: 1, text: (row) => hms(row.pauseSeconds) },
    { label: a.login, width: 1, text: (row) => hms(row.loginSeconds) },
    { label: a.occupancy, width: 1, text: (row) => percent(row.occupancy) },
  ];

  const heading = (text: string) => {
    if (doc.y + 3 * ROW_HEIGHT > doc.page.height - MARGIN) doc.addPage();
    doc.fillColor(ACCENT).fontSize(13).text(text, MARGIN, doc.y);
    doc.moveDown(0.3);
  };
  const table = <Row>(columns: Column<Row>[], rows: Row[], emptyText: string, boldLast = false) => {
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (column.width / total) * width);
    const drawRow = (cells: string[], y: number, style: 'head' | 'even' | 'odd' | 'total') => {
      const fill = style === 'head' ? ACCENT : style === 'odd' ? '#eef3f8' : style === 'total' ? '#dde7f1' : undefined;
      if (fill) doc.rect(MARGIN, y, width, ROW_HEIGHT).fill(fill);
      doc.fillColor(style === 'head' ? '#ffffff' : '#222222').fontSize(FONT_SIZE);
      let x = MARGIN;
      cells.forEach((cell, index) => {
        const align = columns[index]!.align ?? 'right';
        doc.text(cell, x + 4, y + 5, { width: widths[index]! - 8, align, lineBreak: false, ellipsis: true });
        x += widths[index]!;
      });
      // Each cell moved the cursor; the row's height is what counts.
      doc.y = y + ROW_HEIGHT;
    };
    const head = () => {
      drawRow(columns.map((column) => column.label), doc.y, 'head');
    };
    head();
    if (rows.length === 0) {
      const y = doc.y;
      doc.fillColor('#666666').fontSize(FONT_SIZE).text(emptyText, MARGIN + 4, y + 5);
      doc.y = y + ROW_HEIGHT;
    }
    rows.forEach((row, index) => {
      if (doc.y + ROW_HEIGHT > doc.page.height - MARGIN - 14) {
        doc.addPage();
        doc.y = MARGIN;
        head();
      }
      const style = boldLast && index === rows.length - 1 ? 'total' : index % 2 === 1 ? 'odd' : 'even';
      drawRow(columns.map((column) => column.text(row)), doc.y, style);
    });
    doc.rect(MARGIN, doc.y, width, 0.5).fill('#999999');
    doc.x = MARGIN;
    doc.moveDown(1.2);
  };

  heading(words.queues);
  const queueRows = data.total ? [...data.queues, { ...data.total, key: words.total }] : data.queues;
  table(queueColumns, queueRows, words.noCalls, data.total !== undefined);
  heading(words.agents);
  table(agentColumns, data.agents, words.noAgents);

  // Page numbers last, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page += 1) {
    doc.switchToPage(page);
    // The footer sits in the bottom margin: without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.fillColor('#888888').fontSize(8).text(words.page.replace('{n}', String(page + 1)), MARGIN, doc.page.height - MARGIN + 10, {
      width, align: 'right', lineBreak: false,
    });
  }
  doc.end();
  await once(out, 'finish');
  return { file: options.file, language };
}
