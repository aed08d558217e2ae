import { boardLimits, boardProblems, boardSchema, describeThresholdProblem, type Board, type BoardProblem } from '../../contract';
import type { ActionResult } from '../../contract/method';
import type { boardsMethods } from '../../contract/methods/boards';
import { getSetting, setSetting } from '../../store/settings';
import type { Db } from '../../store/database';
import type { HandlerSet } from '../handlers';
import { auditAct } from './audit';
import { settingKeys } from '../../base/setting-keys';

// Handlers of contract/methods/boards.ts: the boards live in the cache's settings table, one JSON list.

/** Named wallboard layouts, sorted by name; each stored board is checked again, so a row edited by hand cannot break a TV. */
export function readBoards(db: Db): Board[] {
  const stored = getSetting<unknown>(db, settingKeys.wallboardBoards, []);
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item) => {
    const parsed = boardSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

function problemText(problem: BoardProblem): string {
  return problem.code === 'shape' ? `${problem.path || 'board'}: ${problem.message}` : describeThresholdProblem(problem.problem);
}


/** The list with `board` in place of `previousName` (or added), or why not. */
function withBoard(boards: Board[], board: Board, previousName: string | undefined): ActionResult<Board[]> {
  const problems = boardProblems(board);
  if (problems.length > 0) return { ok: false, error: { code: 'invalid', message: problems.map(problemText).join('; ') } };
  if (previousName !== undefined && !boards.some((b) => b.name === previousName)) {
    return { ok: false, error: { code: 'not_found', message: `no board named ${previousName}` } };
  }
  if (board.name !== previousName && boards.some((b) => b.name === board.name)) {
    return { ok: false, error: { code: 'exists', message: `a board named ${board.name} exists already` } };
  }
  if (previousName === undefined && boards.length >= boardLimits.boards) {
    return { ok: false, error: { code: 'invalid', message: `at most ${boardLimits.boards} boards` } };
  }
  const next = [...boards.filter((b) => b.name !== previousName), board].sort((a, b) => a.name.localeCompare(b.name));
  return { ok: true, value: next };
}

export const boardsHandlers: HandlerSet<keyof typeof boardsMethods> = {
  'boards.list': (_request, { db }) => readBoards(db),
  'boards.save': ({ board, previousName }, context) => {
    const result = withBoard(readBoards(context.db), board, previousName);
    if (result.ok) {
      setSetting(context.db, settingKeys.wallboardBoards, result.value);
      context.model.settingsChanged('boards');
    }
    const action = previousName === undefined ? 'create' : previousName === board.name ? 'edit' : 'rename';
    auditAct(context, 'boards.save', board.name, { action, previousName, board }, result);
    return result;
  },
  'boards.remove': ({ name }, context) => {
    const boards = readBoards(context.db);
    let result: ActionResult<Board[]>;
    if (!boards.some((b) => b.name === name)) {
      result = { ok: false, error: { code: 'not_found', message: `no board named ${name}` } };
    } else {
      result = { ok: true, value: boards.filter((b) => b.name !== name) };
      setSetting(context.db, settingKeys.wallboardBoards, result.value);
      context.model.settingsChanged('boards');
    }
    auditAct(context, 'boards.remove', name, { name }, result);
    return result;
  },
};
