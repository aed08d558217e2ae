import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The recorded transcripts kept in the repository (test/fixtures/ami).
export const FIXTURES_DIR = process.env.CALLBOARD_AMI_FIXTURES ?? join(import.meta.dirname, '../../test/fixtures/ami');
const BANNER = 'Asterisk Call Manager/9.0.0\r\n';

/**
 * The real transcripts (fixtures/ami/*.ami, Asterisk 20) concatenated and
 * repeated until at least `minBytes`: one banner first, as on a real socket,
 * then every file's frames with its own banner line cut off. Each file ends
 * with a blank line, so the repetitions stay whole frames.
 */
export function buildAmiCorpus(minBytes: number): Buffer {
  const bodies = readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.ami'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(FIXTURES_DIR, file), 'latin1');
      const eol = text.indexOf('\n');
      return Buffer.from(text.startsWith('Asterisk Call Manager') ? text.slice(eol + 1) : text, 'latin1');
    });
  const once = Buffer.concat(bodies);
  const copies = Math.max(1, Math.ceil(minBytes / once.length));
  const parts: Buffer[] = [Buffer.from(BANNER, 'latin1')];
  for (let i = 0; i < copies; i++) parts.push(once);
  return Buffer.concat(parts);
}

/** The corpus cut into socket-sized string chunks (64 KiB), for in-memory parsing. */
export function chunkText(corpus: Buffer, chunkBytes = 64 * 1024): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < corpus.length; at += chunkBytes) chunks.push(corpus.toString('utf8', at, Math.min(corpus.length, at + chunkBytes)));
  return chunks;
}
