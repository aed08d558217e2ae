import JSON5 from 'json5';
import { MAX_JSON_DEPTH, nestingDepthExceeds } from '../security/json-depth';

/** `{` after optional JS comments (the lenient literal may open with one); a linear scan, no regex backtracking on garbage. */
function opensObject(text: string): boolean {
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at]!)) at += 1;
    else if (text.startsWith('//', at)) at = text.includes('\n', at) ? text.indexOf('\n', at) + 1 : text.length;
    else if (text.startsWith('/*', at)) at = text.includes('*/', at + 2) ? text.indexOf('*/', at + 2) + 2 : text.length;
    else return text[at] === '{';
  }
  return false;
}

export type BodyEncoding = 'json' | 'json5' | 'form';

export type DecodedBody =
  | { ok: true; encoding: BodyEncoding; fields: Record<string, unknown> }
  | { ok: false; reason: string };

/**
 * Decode one pushed body into a plain object.
 *
 * coocenter-api.md "Pushed events": strict JSON and `application/x-www-form-urlencoded`
 * must be accepted, and the lenient JavaScript-like literal of the vendor samples
 * (single quotes, unquoted keys, trailing commas, `//` comments) should be: JSON5
 * parses that. The content type decides form vs. object literal; a body without a
 * useful content type is sniffed (an object literal starts with `{`).
 */
export function decodePushBody(text: string, contentType: string | undefined): DecodedBody {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty body' };
  const looksLikeObject = opensObject(trimmed);
  if (type === 'application/x-www-form-urlencoded' && !looksLikeObject) return decodeForm(trimmed);
  if (!looksLikeObject) {
    if (/^[\w.%+-]+=/.test(trimmed)) return decodeForm(trimmed);
    return { ok: false, reason: `body is neither a JSON object nor a form (content-type ${type || 'none'})` };
  }
  // Parsers take it, but storing it (JSON.stringify) would overflow the stack: the sender's mistake, a 400.
  if (nestingDepthExceeds(trimmed, MAX_JSON_DEPTH)) return { ok: false, reason: `body nested deeper than ${MAX_JSON_DEPTH} levels` };
  return decodeObjectLiteral(trimmed);
}

function decodeForm(text: string): DecodedBody {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
  if (Object.keys(fields).length === 0) return { ok: false, reason: 'empty form body' };
  return { ok: true, encoding: 'form', fields };
}

function decodeObjectLiteral(text: string): DecodedBody {
  try {
    return asObject(JSON.parse(text), 'json');
  } catch {
    // not strict JSON: try the vendor's lenient literal below
  }
  let firstError: string;
  try {
    return asObject(JSON5.parse(text), 'json5');
  } catch (error) {
    firstError = error instanceof Error ? error.message : String(error);
  }
  const repaired = repairVendorSample(text);
  if (repaired !== text) {
    try {
      return asObject(JSON5.parse(repaired), 'json5');
    } catch {
      // fall through with the first, more useful error
    }
  }
  return { ok: false, reason: `body is not a JSON/JSON5 object: ${firstError}` };
}

function asObject(value: unknown, encoding: BodyEncoding): DecodedBody {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'body is not an object' };
  }
  return { ok: true, encoding, fields: value as Record<string, unknown> };
}

const LINE_VALUE_THEN_KEY = /(["'\d]|\btrue|\bfalse|\bnull)([ \t]*(?:\/\/[^\n]*)?)\r?\n(\s*["']?[A-Za-z_$][\w$]*["']?\s*:)/g;
// Linear: the indent cannot run across lines (`^\s*` tried the rest of the body again at every
// line start), and the tail has one way to split around its comma (`\s*,?\s*` had n² ways).
// test/hardening/parser-fuzz.test.ts checks it against the old pattern and times crafted bodies.
const LINE_WITH_INNER_QUOTES = /^([^\S\r\n\u2028\u2029]*["']?[A-Za-z_$][\w$]*["']?\s*:\s*)"(.*)"(\s*(?:,\s*)?(?:\/\/[^"\n]*)?)$/gm;

/**
 * Two defects of the vendor document's samples (seed 000_94bcca06c57417db.txt), applied
 * only after JSON5 refused the body: the `hangup` sample lacks the comma after
 * `event:"hangup"` (one key per line), and the `cdr` sample's `callerid:""808"<808>"`
 * lost the backslashes of `"\"808\" <808>"`. We add the comma at a line end followed by
 * a `key:` line, and escape quotes inside a one-line double-quoted value; JSON5 then
 * parses the result, so the parser stays the maintained one.
 */
export function repairVendorSample(text: string): string {
  const withCommas = text.replace(LINE_VALUE_THEN_KEY, '$1,$2\n$3');
  return withCommas.replace(LINE_WITH_INNER_QUOTES, (_line, head: string, inner: string, tail: string) => {
    return inner.includes('"') ? `${head}"${inner.replace(/\\?"/g, '\\"')}"${tail}` : `${head}"${inner}"${tail}`;
  });
}
