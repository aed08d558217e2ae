/**
 * One AMI message (event or response) in the shape `asterisk-manager` emits:
 * header names trimmed and lower-cased (inner spaces kept, as in SIPshowpeer's
 * `Named Callgroup`), a repeated header becomes an
 * array, and `Variable:` / `ChanVariable:` headers become `name=value` records.
 * The frame parser produces the same shape, so both feed the same reducers.
 */
export interface AmiMessage {
  [header: string]: string | string[] | Record<string, string> | undefined;
  event?: string;
  response?: string;
  actionid?: string;
  chanvariable?: Record<string, string>;
}

/** A header as a single string: the first value of a repeated header, '' when absent. */
export function header(message: AmiMessage, name: string): string {
  const value = message[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value[0] ?? '';
  return '';
}

/** A header that may repeat (e.g. `Output:` lines of a Command answer), always as a list. */
export function headerList(message: AmiMessage, name: string): string[] {
  const value = message[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value;
  return [];
}

/** Serialise an action the way Asterisk expects it: `Key: Value` lines and a blank line. */
export function formatAction(fields: Record<string, string | number | undefined | string[]>): string {
  let out = '';
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) out += `${key}: ${item}\r\n`;
    else out += `${key}: ${value}\r\n`;
  }
  return out + '\r\n';
}

/** The variable a VarSet event sets: its `Variable:` header parses as a one-key record (asterisk-manager shape). */
export function varSetName(message: AmiMessage): string {
  const value = message.variable;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const name in value) return name;
  }
  return '';
}

/**
 * Copies a message's longer header values out of the socket chunk they were
 * cut from. V8 keeps a whole chunk (tens of KB) alive for any slice of it of 13
 * characters or more, and the live model holds ids and names for hours: a 24 h
 * soak held 48 MB of chunks this way. Concatenation flattens into a fresh
 * string; the slice then points into that small copy only.
 */
export function detachFromChunk(message: AmiMessage): AmiMessage {
  for (const key in message) {
    const value = message[key];
    if (typeof value === 'string') {
      if (value.length >= 13) message[key] = (' ' + value).slice(1);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (value[i]!.length >= 13) value[i] = (' ' + value[i]).slice(1);
    } else if (value) {
      for (const name in value) if (value[name]!.length >= 13) value[name] = (' ' + value[name]).slice(1);
    }
  }
  return message;
}

/** Characters in a message's names and values: what holding it costs, roughly (bounds on buffered events and list answers). */
export function messageChars(message: AmiMessage): number {
  let chars = 0;
  for (const key in message) {
    const value = message[key];
    chars += key.length;
    if (typeof value === 'string') chars += value.length;
    else if (Array.isArray(value)) for (const item of value) chars += item.length;
    else if (value) for (const name in value) chars += name.length + value[name]!.length;
  }
  return chars;
}
