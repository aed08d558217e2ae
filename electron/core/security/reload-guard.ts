/**
 * When the renderer process dies (crash, OOM, killed), the window reloads it —
 * but a page that crashes on load would loop forever. This allows `max`
 * reloads per `windowMs`; past that the window shows its error instead.
 */
export class ReloadGuard {
  private readonly times: number[] = [];

  constructor(
    private readonly max = 3,
    private readonly windowMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Record a crash; true when a reload is still allowed. */
  shouldReload(): boolean {
    const now = this.clock();
    while (this.times.length > 0 && now - this.times[0]! > this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }
}
