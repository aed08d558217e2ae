import { describe, expect, it } from 'vitest';
import { boardLimits, boardPlaylist, boardProblems, boardTileKinds, boardTileRows, defaultBoard, freeBoardName, type Board } from '@contract';
import { chooseBoard, duplicateBoard, missingTiles, moveTile, newBoard, tvAddress } from '../../../renderer/src/domain/board-layout';

const frontDesk: Board = { ...defaultBoard, name: 'front-desk', title: '前台', queues: ['630'], tiles: ['waiting', 'serviceLevel'], chart: 'hours' };

describe('board schema', () => {
  it('accepts the default board and a small one', () => {
    expect(boardProblems(defaultBoard)).toEqual([]);
    expect(boardProblems(frontDesk)).toEqual([]);
  });

  it('refuses names that cannot sit in an address as they are', () => {
    for (const name of ['', 'Front', 'front desk', '-front', 'front-', 'a'.repeat(41), 'front/desk', '前台']) {
      expect(boardProblems({ ...frontDesk, name }).map((p) => p.code), name).toEqual(['shape']);
    }
    for (const name of ['a', 'tv-1', 'a'.repeat(40)]) expect(boardProblems({ ...frontDesk, name }), name).toEqual([]);
  });

  it('bounds tiles, queues, title and rotation, and refuses unknown keys', () => {
    const pathsOf = (board: unknown) => boardProblems(board).map((p) => (p.code === 'shape' ? p.path : p.code));
    expect(pathsOf({ ...frontDesk, tiles: [] })).toEqual(['tiles']);
    expect(pathsOf({ ...frontDesk, tiles: ['waiting', 'waiting'] })).toEqual(['tiles']);
    expect(pathsOf({ ...frontDesk, tiles: ['waiting', 'weather'] })).toEqual(['tiles.1']);
    expect(pathsOf({ ...frontDesk, queues: Array.from({ length: boardLimits.queues + 1 }, (_, i) => `q${i}`) })).toEqual(['queues']);
    expect(pathsOf({ ...frontDesk, queues: ['630', '630'] })).toEqual(['queues']);
    expect(pathsOf({ ...frontDesk, queues: ['x'.repeat(65)] })).toEqual(['queues.0']);
    expect(pathsOf({ ...frontDesk, title: 'x'.repeat(81) })).toEqual(['title']);
    expect(pathsOf({ ...frontDesk, rotateSeconds: 2 })).toEqual(['rotateSeconds']);
    expect(pathsOf({ ...frontDesk, chart: 'pie' })).toEqual(['chart']);
    expect(pathsOf({ ...frontDesk, script: 'alert(1)' })).toEqual(['']);
  });

  it("checks a board's own thresholds with Settings' rules", () => {
    expect(boardProblems({ ...frontDesk, thresholds: { '*': { waitingAmber: 2, waitingRed: 4 } } })).toEqual([]);
    expect(boardProblems({ ...frontDesk, thresholds: { '630': { waitingAmber: 6 } } })).toEqual([
      { code: 'thresholds', problem: { code: 'amberNotBelowRed', scope: '630', field: 'waitingAmber', red: 'waitingRed', amberValue: 6, redValue: 6 } },
    ]);
    expect(boardProblems({ ...frontDesk, thresholds: { '*': { serviceLevelTarget: 120 } } }).map((p) => p.code === 'thresholds' && p.problem.code)).toEqual(['overHundred']);
  });
});

describe('board layout', () => {
  it('lays the default tiles out as the wallboard always was: 6 large, 7 small', () => {
    const rows = boardTileRows(boardTileKinds);
    expect(rows.primary).toEqual(['waiting', 'longestWait', 'serviceLevel', 'available', 'onCall', 'paused']);
    expect(rows.secondary).toHaveLength(7);
    expect(boardTileRows(['aht', 'waiting'])).toEqual({ primary: ['aht', 'waiting'], secondary: [] });
  });

  it('plays the chosen queues, or all together then each one when none is chosen', () => {
    expect(boardPlaylist([], ['630', '631'])).toEqual({ playlist: ['*', '630', '631'], unknown: [] });
    expect(boardPlaylist(['631', '*', '999'], ['630', '631'])).toEqual({ playlist: ['631', '*'], unknown: ['999'] });
  });

  it('moves tiles up and down, and not past either end', () => {
    expect(moveTile(['waiting', 'aht', 'asa'], 2, -1)).toEqual(['waiting', 'asa', 'aht']);
    expect(moveTile(['waiting', 'aht', 'asa'], 0, 1)).toEqual(['aht', 'waiting', 'asa']);
    expect(moveTile(['waiting', 'aht'], 0, -1)).toEqual(['waiting', 'aht']);
    expect(moveTile(['waiting', 'aht'], 1, 1)).toEqual(['waiting', 'aht']);
    expect(missingTiles(boardTileKinds.filter((k) => k !== 'asa' && k !== 'waiting'))).toEqual(['waiting', 'asa']);
  });

  it('names new boards and copies with names not taken yet', () => {
    expect(newBoard([]).name).toBe('board');
    expect(newBoard(['board', 'board-2']).name).toBe('board-3');
    expect(freeBoardName('front-desk-2', ['front-desk-2'])).toBe('front-desk-3');
    expect(freeBoardName('a'.repeat(40), [])).toBe(`${'a'.repeat(36)}-2`);
    const copy = duplicateBoard({ ...frontDesk, thresholds: { '*': { waitingAmber: 1 } } }, ['front-desk']);
    expect(copy).toMatchObject({ name: 'front-desk-2', title: '前台', tiles: ['waiting', 'serviceLevel'] });
    expect(boardProblems(copy)).toEqual([]);
  });

  it('finds the board an address names, and says which exist when it is unknown', () => {
    expect(chooseBoard(null, [frontDesk], true)).toEqual({ kind: 'none' });
    expect(chooseBoard('front-desk', [frontDesk], true)).toEqual({ kind: 'found', board: frontDesk });
    expect(chooseBoard('lobby', [], false)).toEqual({ kind: 'loading', name: 'lobby' });
    expect(chooseBoard('lobby', [frontDesk], true)).toEqual({ kind: 'unknown', name: 'lobby', names: ['front-desk'] });
  });

  it("gives a TV address without this page's query (it may hold the operator token)", () => {
    expect(tvAddress('http://10.0.0.5:8080/?token=secret#/boards', 'front-desk')).toBe('http://10.0.0.5:8080/#/tv?board=front-desk');
    expect(tvAddress('file:///opt/callboard/index.html#/boards', 'a')).toBe('file:///opt/callboard/index.html#/tv?board=a');
  });
});
