import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens (the verified access tokens of this instance)', () => {
  it('gives back the claims of a token until the second of its expiry, then forgets it', () => {
    const cache = new VerifiedTokens<{ sub: string; exp: number }>();
    cache.set('t1', { sub: 'u1', exp: 1000 });
    expect(cache.get('t1', 999_999)).toEqual({ sub: 'u1', exp: 1000 });
    expect(cache.get('t1', 1_000_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.get('t1', 0)).toBeUndefined();
  });

  it('never treats a token without a numeric exp as live', () => {
    expect(VerifiedTokens.live({}, 0)).toBe(false);
    expect(VerifiedTokens.live({ exp: '2000' }, 0)).toBe(false);
  });

  it('holds at most max tokens, dropping the oldest', () => {
    const cache = new VerifiedTokens<{ exp: number }>(2);
    cache.set('a', { exp: 10 });
    cache.set('b', { exp: 10 });
    cache.set('c', { exp: 10 });
    expect(cache.size).toBe(2);
    expect(cache.get('a', 0)).toBeUndefined();
    expect(cache.get('b', 0)).toBeDefined();
    expect(cache.get('c', 0)).toBeDefined();
  });
});
