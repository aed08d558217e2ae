import type { DeviceState } from '../../electron/core/demo';

/** Probe `n` puts the probe extension on hold (odd) or offline (even): states the simulation rarely sets. */
export function probeState(n: number): DeviceState {
  return n % 2 === 1 ? 'ONHOLD' : 'UNAVAILABLE';
}

/** How the agent card shows each probe state (`data-status`, renderer AgentCard). */
export const probeStatus = (n: number): string => (n % 2 === 1 ? 'hold' : 'offline');

/**
 * Installed in the page before its own scripts: notes every `data-status`
 * change of an agent card with the wall-clock time (Date.now(), the same clock
 * as the Node processes on this machine), from a MutationObserver — i.e. the
 * moment the change reached the DOM.
 */
export const STATUS_OBSERVER_SCRIPT = `
window.__statusChanges = [];
new MutationObserver((records) => {
  const now = Date.now();
  for (const record of records) {
    const el = record.target;
    if (el.getAttribute && (el.getAttribute('data-testid') || '').startsWith('agent-card-'))
      window.__statusChanges.push([el.getAttribute('data-testid').slice(11), el.getAttribute('data-status'), now]);
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
`;
