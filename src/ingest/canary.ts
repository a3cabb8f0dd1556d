/**
 * Liveness by data, not by socket: a venue can keep a connection open and answer every ping
 * while delivering nothing (Binance's retired unrouted URLs did exactly that). Each live stream
 * therefore subscribes, on the same connection, to a message the venue pushes at a steady rate —
 * its canary — and counts as SILENT once the canary has been missing for longer than a bound.
 */
export interface CanaryPolicy {
  /** What to subscribe to on every (re)connect besides the stream's own channels. */
  subscriptions?: unknown[];
  /** True for a canary message (parsed JSON). */
  matches(message: unknown): boolean;
  /** Silent once no canary has come for this long (the collector then reconnects, again each bound while silent). */
  silentAfterMs: number;
  /** The canary stopped: it was last heard at `sinceMs` (or the collector started then). Once per silence. */
  onSilent?(sinceMs: number, atMs: number): void;
  /**
   * A canary came: the first one after the collector started, and the first after each silence
   * (`silentSinceMs` set). A silence left open by a process that stopped is closed by the next.
   */
  onHeard?(atMs: number, silentSinceMs: number | null): void;
}

/** The default bound: OKX pushes its mark price at least every 10 s when it does not move, the others every second or faster. */
export const defaultCanarySilentAfterMs = 60_000;

/** What the collector should do after a check. */
export type CanaryVerdict = 'ok' | 'reconnect';

/** The canary's clock for one collector, from start to stop (across reconnects). */
export class CanaryWatch {
  private lastCanaryMs: number;
  private lastOpenMs: number;
  private silentSinceMs: number | null = null;
  private heardSinceStart = false;
  /** Canary and other messages seen, for `doctor`'s rates. */
  canaries = 0;
  messages = 0;

  constructor(
    private readonly policy: CanaryPolicy,
    startedMs: number,
  ) {
    this.lastCanaryMs = startedMs;
    this.lastOpenMs = startedMs;
  }

  get silent(): boolean {
    return this.silentSinceMs !== null;
  }

  /** A connection opened: a reconnect gets a whole bound before it is kicked again. */
  opened(nowMs: number): void {
    this.lastOpenMs = nowMs;
  }

  message(parsed: unknown, nowMs: number): void {
    if (!this.policy.matches(parsed)) {
      this.messages += 1;
      return;
    }
    this.canaries += 1;
    this.lastCanaryMs = nowMs;
    if (this.silentSinceMs !== null || !this.heardSinceStart) {
      const since = this.silentSinceMs;
      this.silentSinceMs = null;
      this.heardSinceStart = true;
      this.policy.onHeard?.(nowMs, since);
    }
  }

  /** Declares the silence once the bound has passed; asks for a reconnect once per bound while it lasts. */
  check(nowMs: number, connected: boolean): CanaryVerdict {
    const bound = this.policy.silentAfterMs;
    if (nowMs - this.lastCanaryMs <= bound) return 'ok';
    if (this.silentSinceMs === null) {
      this.silentSinceMs = this.lastCanaryMs;
      this.policy.onSilent?.(this.lastCanaryMs, nowMs);
    }
    return connected && nowMs - this.lastOpenMs > bound ? 'reconnect' : 'ok';
  }
}
