// Phone numbers as click-to-dial takes them: the dial dialog, the blacklist and the
// call-back list all normalise with these, so one caller is one number everywhere.

/** An extension, or a queue's number in the dial context: what actions send the PBX's dialplan. */
export const extensionPattern = /^[0-9A-Za-z*#+_-]{1,32}$/;

/** What click-to-dial accepts as a destination. */
export const dialablePattern = /^[0-9*#+]{1,32}$/;

/**
 * A number as people type or paste it — "138-0013-8000", "(010) 6552 9988",
 * "+86 138 0013 8000", or full-width from a Chinese input method — as the PBX
 * dials it: separators go, full-width digits become ASCII, digits, *, # and +
 * stay. Whatever else is left is for the caller's own check to refuse.
 */
export function normaliseDialable(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-.()/\u2010-\u2015\u3000\uFF08\uFF09\uFF0D]/g, '');
}

/** A stored number (a caller ID, a CDR's dst) normalised, or undefined when it cannot be dialled (anonymous, a name). */
export function dialableNumber(raw: string | undefined): string | undefined {
  const number = raw === undefined ? '' : normaliseDialable(raw);
  return dialablePattern.test(number) ? number : undefined;
}
