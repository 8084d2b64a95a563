import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type Actor, type Role, systemActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { Db } from '../database/db.service';
import { RuntimeSettings } from '../config/runtime';
import { burnVerify, hashPassword, verifyPassword } from './passwords';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
}

interface UserRow extends PublicUser {
  password_hash: string;
  failed_login_count: number;
  locked_until: Date | null;
  password_changed_at: Date;
}

export interface SignatureInput {
  password: string;
  meaning: string;
}

/** The manifestation kept in the audit entry (Part 11.50): who signed, when, and what it meant. */
export interface SignatureManifest {
  signerId: string;
  signerName: string;
  meaning: string;
  signedAt: string;
}

/** Per-address limit on failed logins for unknown accounts (the per-account lockout is in the database). */
class AddressThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();
  constructor(private readonly max: number, private readonly windowMs: number) {}

  retryAfter(key: string): number | undefined {
    const f = this.failures.get(key);
    if (!f) return undefined;
    if (Date.now() > f.until) {
      this.failures.delete(key);
      return undefined;
    }
    return f.count >= this.max ? Math.ceil((f.until - Date.now()) / 1000) : undefined;
  }

  fail(key: string): void {
    const f = this.failures.get(key);
    if (!f || Date.now() > f.until) this.failures.set(key, { count: 1, until: Date.now() + this.windowMs });
    else f.count++;
    if (this.failures.size > 10000) this.failures.clear();
  }
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private readonly addressThrottle: AddressThrottle;

  constructor(
    private readonly db: Db,
    private readonly jwt: JwtService,
    private readonly settings: RuntimeSettings,
  ) {
    this.addressThrottle = new AddressThrottle(settings.config.LOGIN_MAX_FAILURES * 4, settings.config.LOGIN_LOCKOUT_SECONDS * 1000);
  }

  /** Creates the first administrator from ADMIN_EMAIL/ADMIN_PASSWORD when no user exists yet. */
  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = this.settings.config;
    if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return;
    const hash = await hashPassword(ADMIN_PASSWORD);
    const rows = await this.db.tx(
      systemActor('bootstrap'),
      (tx) =>
        tx.query<{ id: string }>(
          `INSERT INTO users (email, name, password_hash, roles)
           SELECT $1, 'Administrator', $2, ARRAY['admin']
            WHERE NOT EXISTS (SELECT 1 FROM users)
           ON CONFLICT DO NOTHING RETURNING id`,
          [ADMIN_EMAIL, hash],
        ),
      { audit: { action: 'user.created', reason: 'the first administrator, from ADMIN_EMAIL at start' } },
    );
    if (rows.length) this.logger.log(`created the first administrator ${ADMIN_EMAIL}`);
  }

  /**
   * Staff login. Failed attempts count per account; after LOGIN_MAX_FAILURES the account is locked
   * for LOGIN_LOCKOUT_SECONDS (429 with Retry-After), and every failure is logged (Part 11.300(d)).
   */
  async login(email: string, password: string, address: string): Promise<{ accessToken: string; expiresIn: number; user: PublicUser }> {
    const cfg = this.settings.config;
    const throttled = this.addressThrottle.retryAfter(address);
    if (throttled) {
      this.logger.warn({ address }, 'login throttled for address');
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many failed logins; try again later', { retryAfterSeconds: throttled });
    }
    const user = await this.db.one<UserRow>(
      `SELECT id, email, name, roles, active, password_hash, failed_login_count, locked_until, password_changed_at
         FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    if (!user) {
      await burnVerify(password);
      this.addressThrottle.fail(address);
      this.logger.warn({ address, email }, 'failed login: unknown account');
      throw new DomainError('INVALID_CREDENTIALS', 'Invalid email or password');
    }
    if (user.locked_until && user.locked_until.getTime() > Date.now()) {
      const retry = Math.ceil((user.locked_until.getTime() - Date.now()) / 1000);
      this.logger.warn({ address, userId: user.id }, 'login refused: account locked after repeated failures');
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many failed logins; the account is locked for a while', { retryAfterSeconds: retry });
    }
    const ok = user.active && (await verifyPassword(user.password_hash, password));
    if (!ok) {
      const row = await this.countFailure(user.id, 'logins');
      this.addressThrottle.fail(address);
      this.logger.warn({ address, userId: user.id, failures: row?.failed_login_count }, 'failed login');
      throw new DomainError('INVALID_CREDENTIALS', 'Invalid email or password');
    }
    if (user.failed_login_count > 0 || user.locked_until) {
      // an audit entry only when a lockout is cleared (the counter itself is not audited)
      await this.db.tx(systemActor('authentication'), (tx) => tx.query(`UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1`, [user.id]), {
        audit: { action: 'user.lock_cleared', reason: 'successful login after the lockout ended' },
      });
    }
    const expiresIn = cfg.JWT_EXPIRES_IN_SECONDS;
    const accessToken = await this.jwt.signAsync({ sub: user.id, typ: 'access' }, { expiresIn, algorithm: 'HS256' });
    this.logger.log({ userId: user.id }, 'login');
    return { accessToken, expiresIn, user: { id: user.id, email: user.email, name: user.name, roles: user.roles, active: user.active } };
  }

  /** Resolves a bearer token to its user; tokens of deactivated users, or issued before a password change, are refused. */
  async actorFromToken(token: string, requestId?: string): Promise<Actor> {
    let payload: { sub?: string; typ?: string; iat?: number };
    try {
      payload = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired');
    }
    if (payload.typ !== 'access' || typeof payload.sub !== 'string' || !/^[0-9a-f-]{36}$/.test(payload.sub)) {
      throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired');
    }
    const user = await this.db.one<UserRow>(`SELECT id, name, roles, active, password_changed_at FROM users WHERE id = $1`, [payload.sub]);
    if (!user || !user.active || (payload.iat !== undefined && payload.iat < Math.floor(user.password_changed_at.getTime() / 1000))) {
      throw new DomainError('UNAUTHENTICATED', 'The access token is no longer valid');
    }
    return { type: 'user', id: user.id, name: user.name, roles: user.roles, requestId };
  }

  /** Resolves an integration key; a revoked key stops working at once (no cache). */
  async actorFromApiKey(key: string, requestId?: string): Promise<Actor> {
    if (!/^cbb_[A-Za-z0-9_-]{20,100}$/.test(key)) throw new DomainError('UNAUTHENTICATED', 'The API key is invalid or revoked');
    const row = await this.db.one<{ id: string; name: string }>(
      `SELECT id, name FROM integrations WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hashApiKey(key)],
    );
    if (!row) throw new DomainError('UNAUTHENTICATED', 'The API key is invalid or revoked');
    return { type: 'integration', id: row.id, name: row.name, roles: [], requestId };
  }

  /** A new random integration key: shown once, stored only as its SHA-256. */
  static newApiKey(): { key: string; hash: string; prefix: string } {
    const key = `cbb_${randomBytes(32).toString('base64url')}`;
    return { key, hash: hashApiKey(key), prefix: key.slice(0, 10) };
  }

  /**
   * Counts a failed login or signature; the failure that reaches LOGIN_MAX_FAILURES locks the account,
   * which the audit trail records (Part 11.300(d)) with the system as the actor.
   */
  private async countFailure(userId: string, what: string): Promise<{ failed_login_count: number; locked_until: Date | null } | undefined> {
    const cfg = this.settings.config;
    return this.db.tx(
      systemActor('authentication'),
      (tx) =>
        tx.one<{ failed_login_count: number; locked_until: Date | null }>(
          `UPDATE users SET failed_login_count = failed_login_count + 1,
                  locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
            WHERE id = $1 RETURNING failed_login_count, locked_until`,
          [userId, cfg.LOGIN_MAX_FAILURES, cfg.LOGIN_LOCKOUT_SECONDS],
        ),
      { audit: { action: 'user.locked', reason: `${cfg.LOGIN_MAX_FAILURES} failed ${what} in a row; locked for ${cfg.LOGIN_LOCKOUT_SECONDS} s` } },
    );
  }

  /**
   * Electronic signature (21 CFR Part 11.200(a)): the signer re-enters the password for this act.
   * A wrong password is 401 and counts toward the account lockout like a failed login.
   */
  async sign(actor: Actor, input: SignatureInput | undefined): Promise<SignatureManifest> {
    if (actor.type !== 'user') throw new DomainError('FORBIDDEN', 'Only a staff member can sign');
    if (!input || typeof input.password !== 'string' || typeof input.meaning !== 'string' || !input.meaning.trim()) {
      throw new DomainError('VALIDATION_FAILED', 'This act needs an electronic signature', {
        errors: [{ field: 'signature', message: 'signature {password, meaning} is required for this act' }],
      });
    }
    const user = await this.db.one<UserRow>(
      `SELECT id, name, active, password_hash, locked_until FROM users WHERE id = $1`,
      [actor.id],
    );
    if (!user || !user.active) throw new DomainError('SIGNATURE_INVALID', 'The signature could not be verified');
    if (user.locked_until && user.locked_until.getTime() > Date.now()) {
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many failed signatures or logins; the account is locked for a while', {
        retryAfterSeconds: Math.ceil((user.locked_until.getTime() - Date.now()) / 1000),
      });
    }
    if (!(await verifyPassword(user.password_hash, input.password))) {
      await this.countFailure(user.id, 'signatures or logins');
      this.logger.warn({ userId: user.id }, 'failed electronic signature');
      throw new DomainError('SIGNATURE_INVALID', 'The signature password is wrong');
    }
    const meaning = input.meaning.trim().slice(0, 200);
    return { signerId: user.id, signerName: user.name, meaning, signedAt: new Date().toISOString() };
  }
}
