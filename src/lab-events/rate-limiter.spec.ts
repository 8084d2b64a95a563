import { describe, expect, it } from '@jest/globals';
import { TokenBucketLimiter } from './rate-limiter';

describe(TokenBucketLimiter.name, () => {
  it('allows a burst, then refuses with the seconds until the request would fit, per key', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(100, 500, () => now);
    expect(limiter.take('lab-a', 500)).toEqual({ ok: true });
    expect(limiter.take('lab-a', 1)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('lab-b', 500)).toEqual({ ok: true });
    now = 1000;
    expect(limiter.take('lab-a', 250)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(limiter.take('lab-a', 100)).toEqual({ ok: true });
  });

  it('takes all of a request or nothing, and never keeps more than the burst', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(10, 20, () => now);
    expect(limiter.take('k', 15)).toEqual({ ok: true });
    expect(limiter.take('k', 10).ok).toBe(false);
    expect(limiter.take('k', 5)).toEqual({ ok: true });
    now = 3_600_000;
    expect(limiter.take('k', 20)).toEqual({ ok: true });
    expect(limiter.take('k', 1).ok).toBe(false);
  });
});
