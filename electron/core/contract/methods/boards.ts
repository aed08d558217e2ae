import { z } from 'zod';
import { boardNamePattern, boardSchema, type Board } from '../boards';
import { method, type ActionResult } from '../method';

// Named wallboard layouts (contract/boards.ts). Any screen may read them (a TV on the
// LAN opens `#/tv?board=<name>` without a token); changing them is the operator's,
// audited, and every open screen is told at once (settingsChanged 'boards').

const boardName = z.string().regex(boardNamePattern, 'a board name');

export const boardsMethods = {
  /** Every board, by name. */
  'boards.list': method<Board[]>()('read', z.object({}).strict()),
  /**
   * `previousName` absent: a new board (refused when the name is taken or 50 exist);
   * given: that board is replaced, renamed when `board.name` differs.
   */
  'boards.save': method<ActionResult<Board[]>>()('act', z.object({ board: boardSchema, previousName: boardName.optional() }).strict()),
  'boards.remove': method<ActionResult<Board[]>>()('act', z.object({ name: boardName }).strict()),
};
