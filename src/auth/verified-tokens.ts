/**
 * The access tokens this instance has already verified, with their claims: a request with a token
 * seen before skips the HMAC check and the JSON decoding of jsonwebtoken (6 % of a unit read's
 * service CPU, issue 19). Only what the signature check decides is remembered: the expiry is checked
 * at every use (jsonwebtoken's rule: expired from the second `exp`), and the account's state (locked,
 * deactivated, roles or password changed) is read from the database at every request as before.
 * Bounded: the oldest entry goes when `max` are held (a Map keeps insertion order).
 */
export class VerifiedTokens<T extends { exp?: unknown }> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly max = 10_000) {}

  /** The claims of a token verified before and not expired at `nowMs`; undefined otherwise. */
  get(token: string, nowMs = Date.now()): T | undefined {
    const claims = this.entries.get(token);
    if (!claims) return undefined;
    if (!VerifiedTokens.live(claims, nowMs)) {
      this.entries.delete(token);
      return undefined;
    }
    return claims;
  }

  /** Remembers a token whose signature and expiry were just verified. */
  set(token: string, claims: T): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, claims);
  }

  get size(): number {
    return this.entries.size;
  }

  /** jsonwebtoken's expiry rule: a token is expired once the current second reaches `exp`; a token without `exp` is not kept. */
  static live(claims: { exp?: unknown }, nowMs: number): boolean {
    return typeof claims.exp === 'number' && Math.floor(nowMs / 1000) < claims.exp;
  }
}
