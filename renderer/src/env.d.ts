/// <reference types="vite/client" />
import type { Bridge } from '@contract';

declare global {
  interface Window {
    /** The Electron preload bridge (electron/preload); absent in a browser. */
    callboard?: Bridge;
  }
}

export {};
