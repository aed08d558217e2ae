/**
 * How deep `{`/`[` nest in a JSON or JSON5 text, outside strings; one linear scan.
 * JSON.parse takes 60,000 nested arrays, but JSON.stringify and every recursive
 * consumer after it overflow the stack on them: such bodies are refused up front
 * (400, the sender's mistake) instead of failing later as a store error (503, which
 * a sender retries for ever). Stops counting once past `limit`.
 */
export function nestingDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at];
    if (quote) {
      if (char === '\\') at += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '{' || char === '[') {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === '}' || char === ']') depth -= 1;
  }
  return false;
}

/** Deep enough for every body the contract or the vendor sends (they nest 3–4 levels). */
export const MAX_JSON_DEPTH = 32;
