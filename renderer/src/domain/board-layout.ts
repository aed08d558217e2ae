import { boardLimits, boardTileKinds, defaultBoard, freeBoardName, type Board, type BoardTileKind } from '@contract';

/** Which board a wallboard or TV address asks for, once the core's list is known. */
export type BoardChoice =
  | { kind: 'none' }
  | { kind: 'loading'; name: string }
  | { kind: 'found'; board: Board }
  | { kind: 'unknown'; name: string; names: string[] };

export function chooseBoard(wanted: string | null, boards: readonly Board[], isLoaded: boolean): BoardChoice {
  if (!wanted) return { kind: 'none' };
  const board = boards.find((b) => b.name === wanted);
  if (board) return { kind: 'found', board };
  if (!isLoaded) return { kind: 'loading', name: wanted };
  return { kind: 'unknown', name: wanted, names: boards.map((b) => b.name) };
}

/** The tile at `index` moved one place up (-1) or down (+1); at an end nothing moves. */
export function moveTile(tiles: readonly BoardTileKind[], index: number, delta: -1 | 1): BoardTileKind[] {
  const next = [...tiles];
  const other = index + delta;
  if (index < 0 || index >= next.length || other < 0 || other >= next.length) return next;
  [next[index], next[other]] = [next[other]!, next[index]!];
  return next;
}

/** The kinds a board does not show yet, in the default order (what "add a tile" offers). */
export function missingTiles(tiles: readonly BoardTileKind[]): BoardTileKind[] {
  return boardTileKinds.filter((kind) => !tiles.includes(kind));
}

/** A new board with today's wallboard as its start, under a name not taken yet. */
export function newBoard(taken: readonly string[]): Board {
  const name = taken.includes('board') ? freeBoardName('board', taken) : 'board';
  return { ...defaultBoard, name, tiles: [...defaultBoard.tiles] };
}

/** A copy of `board` under a free name (`front-desk-2`…). */
export function duplicateBoard(board: Board, taken: readonly string[]): Board {
  return { ...structuredClone(board), name: freeBoardName(board.name, taken) };
}

/**
 * The address a TV opens to show `name`: this page's origin and path, then the TV route.
 * Never this page's query: it may hold the operator's token, which a TV must not carry.
 */
export function tvAddress(pageHref: string, name: string): string {
  const url = new URL(pageHref);
  return `${url.origin === 'null' ? `${url.protocol}//` : url.origin}${url.pathname}#/tv?board=${encodeURIComponent(name)}`;
}

/** The rotation typed into a board's form: whole seconds within the limits; an empty or unreadable field keeps `previous`. */
export function rotationOf(typed: string, previous: number): number {
  const seconds = Math.round(Number(typed));
  if (typed.trim() === '' || !Number.isFinite(seconds)) return previous;
  return Math.min(boardLimits.maxRotateSeconds, Math.max(boardLimits.minRotateSeconds, seconds));
}
