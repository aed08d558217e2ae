/** What must be undone when the core stops, undone in reverse order of starting. */
export class Lifetime {
  private readonly closers: (() => unknown)[] = [];

  defer(close: () => unknown): void {
    this.closers.unshift(close);
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0)) await close();
  }
}
