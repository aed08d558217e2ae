/**
 * A PBX connection's id: with several PBXs in one console it prefixes every id of that PBX
 * and labels it on screen (contract/pbx-ids.ts), so no ':' and short enough for a label.
 */
export const pbxIdPattern = /^[A-Za-z0-9_-]{1,32}$/;
