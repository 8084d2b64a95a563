/**
 * A token bucket per key (an integration): `ratePerSecond` tokens flow in, at most `burst` are kept.
 * A request of n events takes n tokens or none; when short it learns how long until it would fit.
 * Kept in this process's memory: with several instances each allows the rate (documented).
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly maxKeys = 10_000,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new Error('rate and burst must be positive');
  }

  /** Takes `n` tokens for `key`, or says after how many seconds `n` would be there (never partial). */
  take(key: string, n: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.evictFull(now);
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.ratePerSecond);
      b.at = now;
    }
    if (n <= b.tokens) {
      b.tokens -= n;
      return { ok: true };
    }
    const wanted = Math.min(n, this.burst);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((wanted - b.tokens) / this.ratePerSecond)) };
  }

  /** Buckets that have refilled carry no state worth keeping. */
  private evictFull(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.ratePerSecond >= this.burst) this.buckets.delete(key);
    }
  }
}
