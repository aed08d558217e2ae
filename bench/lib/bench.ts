import type { Figure } from './figure';

export interface BenchContext {
  /** Short smoke run: smaller inputs, fewer repetitions. */
  quick: boolean;
  /** Progress line on stderr (the table goes to stdout). */
  log(message: string): void;
}

export interface BenchDefinition {
  /** Selector on the command line: `npm run bench -- ami store`. */
  name: string;
  description: string;
  /** Set when the module it measures has not landed yet: listed, not run. */
  pending?: () => string | undefined;
  run(context: BenchContext): Promise<Figure[]>;
}
