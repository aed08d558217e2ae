// The read worker from a checkout (tsx, vitest): a worker thread does not inherit the
// TypeScript loader its parent registered, so it registers its own. Built apps load
// the bundled read-worker.js instead (electron.vite.config.ts).
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
