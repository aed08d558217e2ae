import { onBeforeUnmount, onMounted } from 'vue';
import { navigate, type RouteName } from '../router';

/** Single-key page switches for supervisors who live in the console: 1 wallboard, 2 agents, 3 calls, … */
const pageKeys: Record<string, RouteName> = {
  '1': 'wallboard',
  '2': 'agents',
  '3': 'calls',
  '4': 'history',
  '5': 'blacklist',
  '6': 'audit',
  '7': 'settings',
};

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

export function usePageShortcuts(): void {
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    const page = pageKeys[event.key];
    if (page) navigate(page);
  };
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
