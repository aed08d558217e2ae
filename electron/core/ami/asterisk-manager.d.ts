// Minimal typing of the parts of `asterisk-manager` (lib/ami.js) that AmiSession uses.
declare module 'asterisk-manager' {
  import type { EventEmitter } from 'node:events';

  interface AsteriskManager extends Pick<EventEmitter, 'on' | 'once' | 'removeAllListeners' | 'emit'> {
    connect(port: number, host: string, callback?: (error: Error | null) => void): void;
    login(callback?: (error?: Record<string, unknown>) => void): void;
    action(action: Record<string, unknown>, callback?: (...args: unknown[]) => void): string;
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
  }

  function Manager(
    port: number | undefined,
    host: string,
    username: string,
    password: string,
    events: boolean,
  ): AsteriskManager;

  export = Manager;
}
