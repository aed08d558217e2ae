// Shapes the core and the renderer both check, written once: the renderer validates
// a form with the same pattern the contract's schema enforces.

/** What click-to-dial accepts as a destination (and the blacklist and call-back list store). */
export const dialablePattern = /^[0-9*#+]{1,32}$/;

/**
 * An extension (SIP peer, PJSIP endpoint, Local name), or a queue's number in the dial context: what actions send the PBX's dialplan.
 * With several PBXs in one console it carries its PBX first, `pbx2:800` (pbx-ids.ts).
 */
export const extensionPattern = /^(?:[A-Za-z0-9_-]{1,32}:)?[0-9A-Za-z*#+_-]{1,32}$/;

/** A pause reason's code: sent to the PBX as QueuePause `Reason` and kept in history. */
export const reasonCodePattern = /^[A-Za-z0-9_.-]{1,64}$/;
