import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { ActionResult, Board } from '@contract';
import { ApiError, useCoreClient } from '../api';
import { useLiveStore } from './live';

export type BoardSaved = { ok: true } | { ok: false; message: string };

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.error.message : error instanceof Error ? error.message : String(error);
}

/**
 * The named wallboard layouts the core keeps (boards.list). Read when the link to the
 * core (re)opens and whenever the core says they changed, so a TV showing a board
 * follows an edit made on another screen at once.
 */
export const useBoardsStore = defineStore('boards', () => {
  const client = useCoreClient();
  const live = useLiveStore();
  const list = shallowRef<Board[]>([]);
  /** False until the first answer: a TV must not call a board unknown before it has asked. */
  const isLoaded = ref(false);
  const loadError = ref<string>();

  async function reload(): Promise<void> {
    try {
      list.value = await client.call('boards.list', {});
      isLoaded.value = true;
      loadError.value = undefined;
    } catch (error) {
      loadError.value = messageOf(error);
    }
  }
  client.link.watch((status) => {
    if (status.state === 'open') void reload();
  });
  watch(() => live.settingsRevision.boards, () => void reload());

  const names = computed(() => list.value.map((board) => board.name));
  function byName(name: string): Board | undefined {
    return list.value.find((board) => board.name === name);
  }

  async function settle(call: Promise<ActionResult<Board[]>>): Promise<BoardSaved> {
    try {
      const result = await call;
      if (!result.ok) return { ok: false, message: result.error.message };
      list.value = result.value;
      return { ok: true };
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }
  /** `previousName` absent: a new board; given: that board replaced (and renamed when the name differs). */
  const save = (board: Board, previousName?: string) => settle(client.call('boards.save', previousName === undefined ? { board } : { board, previousName }));
  const remove = (name: string) => settle(client.call('boards.remove', { name }));

  return { list, names, isLoaded, loadError, byName, reload, save, remove };
});
