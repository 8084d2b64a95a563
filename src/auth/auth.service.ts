import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type Actor, type Role, systemActor } from '../common/actor';
import { DomainError, fieldError } from '../common/domain-error';
import { Db } from '../database/db.service';
import { RuntimeSettings } from '../config/runtime';
import { burnVerify, hashPassword, verifyPassword } from './passwords';
import { SIGNATURE_MEANINGS, type SignatureMeaning } from './dto/auth.dto';
import { SecurityEvents } from './security-events.service';
import { VerifiedTokens } from './verified-tokens';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  /** the password was set by an administrator (or at first start): it must be replaced before anything else */
  mustChangePassword: boolean;
  /** locked out after repeated failed logins or signatures until this time (null when not locked) */
  lockedUntil: Date | null;
}

/** The claims of an access token (signAsync in login). */
interface AccessClaims {
  sub?: string;
  typ?: string;
  ver?: unknown;
  sid?: unknown;
  exp?: unknown;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  password_hash: string;
  failed_login_count: number;
  locked_until: Date | null;
  token_version: number;
  must_change_password: boolean;
}

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: PublicUser;
}

/** The first administrator made at first start when no ADMIN_* is set; its password is one-time. */
export const GENERATED_ADMIN_EMAIL = 'admin@localhost';

/** Serialises the first-administrator check of concurrently starting instances (pg_advisory_xact_lock). */
const FIRST_ADMIN_LOCK = 0x63626261; // 'cbba'

export interface SignatureInput {
  email?: string;
  password: string;
  meaning: string;
}

/**
 * The manifestation kept in the audit entry (Part 11.50): who signed (printed name), when (the
 * database's clock) and what it meant, and the line every human-readable copy shows (11.50(b)).
 */
export interface SignatureManifest {
  signerId: string;
  signerName: string;
  meaning: SignatureMeaning;
  signedAt: string;
  /** both components (e-mail and password: the first signing of the session) or the password only */
  components: 'email+password' | 'password';
  manifestation: string;
}

/** Per-address limit on failed logins for unknown accounts (the per-account lockout is in the database). */
class AddressThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();
  constructor(readonly max: number, private readonly windowMs: number) {}

  retryAfter(key: string): number | undefined {
    const f = this.failures.get(key);
    if (!f) return undefined;
    if (Date.now() > f.until) {
      this.failures.delete(key);
      return undefined;
    }
    return f.count >= this.max ? Math.ceil((f.until - Date.now()) / 1000) : undefined;
  }

  /** Counts a failure; returns the count in the window (the caller reports the one that trips it). */
  fail(key: string): number {
    let f = this.failures.get(key);
    if (!f || Date.now() > f.until) this.failures.set(key, (f = { count: 1, until: Date.now() + this.windowMs }));
    else f.count++;
    if (this.failures.size > 10000) this.failures.clear();
    return f.count;
  }
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private readonly addressThrottle: AddressThrottle;
  /** tokens whose signature this instance has checked (the account is still read at every request) */
  private readonly verified = new VerifiedTokens<AccessClaims>();

  constructor(
    private readonly db: Db,
    private readonly jwt: JwtService,
    private readonly settings: RuntimeSettings,
    private readonly securityEvents: SecurityEvents,
  ) {
    this.addressThrottle = new AddressThrottle(settings.config.LOGIN_MAX_FAILURES * 4, settings.config.LOGIN_LOCKOUT_SECONDS * 1000);
  }

  /**
   * The first administrator, when no user exists yet: from ADMIN_EMAIL/ADMIN_PASSWORD when set;
   * otherwise with a generated one-time password printed once to the console, which reaches only
   * `POST /auth/password` until it is replaced. The database decides between instances starting at
   * once: the check and the insert run under one transaction-scoped advisory lock, so exactly one
   * instance creates (and prints) an administrator.
   */
  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = this.settings.config;
    const generated = !ADMIN_EMAIL || !ADMIN_PASSWORD;
    const email = generated ? GENERATED_ADMIN_EMAIL : ADMIN_EMAIL;
    const password = generated ? randomBytes(18).toString('base64url') : ADMIN_PASSWORD;
    if (generated && (await this.db.one(`SELECT 1 FROM users LIMIT 1`))) return;
    const hash = await hashPassword(password);
    const rows = await this.db.tx(
      systemActor('bootstrap'),
      async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock($1)`, [FIRST_ADMIN_LOCK]);
        return tx.query<{ id: string }>(
          `INSERT INTO users (email, name, password_hash, roles, must_change_password)
           SELECT $1, 'Administrator', $2, ARRAY['admin'], $3
            WHERE NOT EXISTS (SELECT 1 FROM users)
           ON CONFLICT DO NOTHING RETURNING id`,
          [email, hash, generated],
        );
      },
      { audit: { action: 'user.created', reason: generated ? 'the first administrator, with a generated one-time password, at first start' : 'the first administrator, from ADMIN_EMAIL at start' } },
    );
    if (!rows.length) return;
    this.logger.log(`created the first administrator ${email}${generated ? ' (one-time password printed to the console)' : ''}`);
    if (generated) {
      const port = this.settings.config.PORT;
      // to the process's console, not the log stream: shown at any LOG_LEVEL, never in shipped logs
      process.stdout.write(
        [
          '',
          '================================================================================',
          ' No user existed: the first administrator has been created.',
          `   email:              ${email}`,
          `   one-time password:  ${password}`,
          ' It is shown only this once and works for one thing: setting your own password.',
          ` 1. POST http://localhost:${port}/api/v1/auth/login     {"email": "${email}", "password": "<the one-time password>"}`,
          ` 2. POST http://localhost:${port}/api/v1/auth/password  {"currentPassword": "<the one-time password>", "newPassword": "<12+ characters>"}`,
          '    with the token of step 1 (Authorization: Bearer ...); the answer carries a new token.',
          ' Then create staff accounts (POST /api/v1/users) with the roles they need.',
          '================================================================================',
          '',
          '',
        ].join('\n'),
      );
    }
  }


  /**
   * Staff login. Failed attempts count per account; after LOGIN_MAX_FAILURES the account is locked
   * for LOGIN_LOCKOUT_SECONDS (429 with Retry-After), and every failure is logged (Part 11.300(d)).
   */
  async login(email: string, password: string, address: string): Promise<LoginResult> {
    const throttled = this.addressThrottle.retryAfter(address);
    if (throttled) {
      this.logger.warn({ address }, 'login throttled for address');
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many failed logins; try again later', { retryAfterSeconds: throttled });
    }
    const user = await this.db.one<UserRow>(
      `SELECT id, email, name, roles, active, password_hash, failed_login_count, locked_until, token_version, must_change_password
         FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    if (!user) {
      await burnVerify(password);
      const failures = this.addressThrottle.fail(address);
      this.logger.warn({ address, email }, 'failed login: unknown account');
      if (failures === this.addressThrottle.max) {
        // Part 11.300(d): reported at once, as an audited security event (not only a log line)
        await this.db.tx(systemActor('authentication'), (tx) =>
          this.securityEvents.report(tx, { kind: 'login_address_throttled', userId: null, email, address, failures, detail: `${failures} failed logins for unknown accounts from ${address}; further logins from it are refused for a while` }),
          { audit: { action: 'security_event.login_address_throttled' } },
        );
      }
      throw new DomainError('INVALID_CREDENTIALS', 'Invalid email or password');
    }
    if (user.locked_until && user.locked_until.getTime() > Date.now()) {
      const retry = Math.ceil((user.locked_until.getTime() - Date.now()) / 1000);
      this.logger.warn({ address, userId: user.id }, 'login refused: account locked after repeated failures');
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many failed logins; the account is locked for a while', { retryAfterSeconds: retry });
    }
    const ok = user.active && (await verifyPassword(user.password_hash, password));
    if (!ok) {
      const row = await this.countFailure(user.id, 'logins', { email: user.email, address });
      this.addressThrottle.fail(address);
      this.logger.warn({ address, userId: user.id, failures: row?.failed_login_count }, 'failed login');
      throw new DomainError('INVALID_CREDENTIALS', 'Invalid email or password');
    }
    let version = user.token_version;
    if (user.failed_login_count > 0 || user.locked_until) {
      // an audit entry only when a lockout is cleared (the counter itself is not audited)
      const cleared = await this.db.tx(
        systemActor('authentication'),
        (tx) => tx.one<{ token_version: number }>(`UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1 RETURNING token_version`, [user.id]),
        { audit: { action: 'user.lock_cleared', reason: 'successful login after the lockout ended' } },
      );
      version = cleared?.token_version ?? version;
    }
    this.logger.log({ userId: user.id, mustChangePassword: user.must_change_password }, 'login');
    return this.issue({ ...user, token_version: version, locked_until: null });
  }

  /** A token for this account under its current session version. */
  private async issue(user: UserRow): Promise<LoginResult> {
    const expiresIn = this.settings.config.JWT_EXPIRES_IN_SECONDS;
    // the login session (Part 11.200(a)(1)(i)): its row decides which signing is the first, on every instance
    const session = await this.db.one<{ id: string }>(`INSERT INTO auth_sessions (user_id) VALUES ($1) RETURNING id`, [user.id]);
    const accessToken = await this.jwt.signAsync({ sub: user.id, typ: 'access', ver: user.token_version, sid: session!.id }, { expiresIn, algorithm: 'HS256' });
    return {
      accessToken,
      expiresIn,
      user: { id: user.id, email: user.email, name: user.name, roles: user.roles, active: user.active, mustChangePassword: user.must_change_password, lockedUntil: null },
    };
  }

  /**
   * `POST /auth/password`: every user changes their own password here, and a one-time password
   * (set by an administrator, or generated at first start) must be replaced here before anything
   * else (Part 11.300(b): passwords are the user's own; the administrator never knows a working
   * one). The current password is checked (a wrong one counts toward the lockout like a failed
   * login); the change is audited on the user's chain with the user as actor, the password hash
   * recorded only as "[changed]". Changing it ends every other session of the account (the database
   * raises its session version); the answer carries a new token.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<LoginResult> {
    if (actor.type !== 'user') throw new DomainError('FORBIDDEN', 'Only a staff member has a password');
    if (newPassword === currentPassword) {
      throw fieldError('newPassword', 'must differ from the current password');
    }
    const user = await this.db.one<UserRow>(`SELECT id, password_hash FROM users WHERE id = $1`, [actor.id]);
    if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
      if (user) await this.countFailure(user.id, 'logins or password checks', {});
      this.logger.warn({ userId: actor.id }, 'password change refused: wrong current password');
      throw new DomainError('INVALID_CREDENTIALS', 'The current password is wrong');
    }
    const hash = await hashPassword(newPassword);
    const row = await this.db.tx(
      actor,
      (tx) =>
        tx.one<UserRow>(
          `UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now(), failed_login_count = 0, locked_until = NULL, updated_at = now()
            WHERE id = $1 AND password_hash = $3 AND active
            RETURNING id, email, name, roles, active, token_version, must_change_password`,
          [actor.id, hash, user.password_hash],
        ),
      { audit: { action: 'user.password_changed', reason: 'changed by the user' } },
    );
    // the row changed between the check and the update (a reset or another change won): try again
    if (!row) throw new DomainError('CONFLICT', 'The account changed meanwhile; log in again and retry');
    this.logger.log({ userId: actor.id }, 'password changed by the user');
    return this.issue(row);
  }

  /**
   * Resolves a bearer token to its user, with one indexed read per request (DESIGN.md section 6):
   * the token carries the session version it was issued under, and the database raises the
   * account's version on lockout, deactivation, a role change or a password change, so such a token
   * stops working at once, on every instance. A token of an account whose password is one-time
   * reaches only the routes that allow it (`POST /auth/password`).
   */
  async actorFromToken(token: string, requestId?: string, allowPasswordChangePending = false): Promise<Actor> {
    let payload = this.verified.get(token);
    if (!payload) {
      try {
        payload = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
      } catch {
        throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired');
      }
      if (VerifiedTokens.live(payload, Date.now())) this.verified.set(token, payload);
    }
    if (payload.typ !== 'access' || typeof payload.sub !== 'string' || !/^[0-9a-f-]{36}$/.test(payload.sub)) {
      throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired');
    }
    const user = await this.db.one<Pick<UserRow, 'id' | 'name' | 'roles' | 'active' | 'token_version' | 'must_change_password'> & { locked: boolean }>(
      `SELECT id, name, roles, active, token_version, must_change_password, coalesce(locked_until > now(), false) AS locked FROM users WHERE id = $1`,
      [payload.sub],
    );
    if (!user || !user.active || payload.ver !== user.token_version || user.locked) {
      throw new DomainError('UNAUTHENTICATED', 'The access token is no longer valid (the account was locked, deactivated, its roles or password changed); log in again');
    }
    if (user.must_change_password && !allowPasswordChangePending) {
      throw new DomainError('PASSWORD_CHANGE_REQUIRED', 'This account has a one-time password: set your own first (POST /api/v1/auth/password {currentPassword, newPassword})');
    }
    const sessionId = typeof payload.sid === 'string' && /^[0-9a-f-]{36}$/.test(payload.sid) ? payload.sid : undefined;
    return { type: 'user', id: user.id, name: user.name, roles: user.roles, requestId, sessionId };
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
   * which the audit trail records (Part 11.300(d)) with the system as the actor, and reports it at
   * once as a security event (SecurityEvents.report) in the same transaction.
   */
  private async countFailure(userId: string, what: string, who: { email?: string; address?: string }): Promise<{ failed_login_count: number; locked_until: Date | null } | undefined> {
    const cfg = this.settings.config;
    return this.db.tx(
      systemActor('authentication'),
      async (tx) => {
        const row = await tx.one<{ failed_login_count: number; locked_until: Date | null; email: string }>(
          `UPDATE users SET failed_login_count = failed_login_count + 1,
                  locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
            WHERE id = $1 RETURNING failed_login_count, locked_until, email`,
          [userId, cfg.LOGIN_MAX_FAILURES, cfg.LOGIN_LOCKOUT_SECONDS],
        );
        // logins and signatures are refused while the account is locked, so each failure that
        // reaches the limit starts a new lockout: one security event for each
        if (row && row.failed_login_count >= cfg.LOGIN_MAX_FAILURES) {
          const kind = what.startsWith('signature') ? 'repeated_failed_signatures' : 'repeated_failed_logins';
          await this.securityEvents.report(tx, {
            kind, userId, email: who.email ?? row.email, address: who.address ?? null, failures: row.failed_login_count,
            detail: `${row.failed_login_count} failed ${what} in a row; the account is locked for ${cfg.LOGIN_LOCKOUT_SECONDS} s`,
          });
        }
        return row;
      },
      { audit: { action: 'user.locked', reason: `${cfg.LOGIN_MAX_FAILURES} failed ${what} in a row; locked for ${cfg.LOGIN_LOCKOUT_SECONDS} s` } },
    );
  }

  /**
   * Electronic signature (21 CFR Part 11.200(a); DESIGN.md section 12). The meaning must be the one
   * this act takes (`expected`; 422 otherwise). The first signing of a login session carries both
   * components, the e-mail (user id) and the password; later ones in the same session may carry the
   * password only (11.200(a)(1)(i)): the session's row in `auth_sessions` decides, so it holds across
   * instances. A wrong password or e-mail is 401 and counts toward the account lockout like a failed
   * login. The signing time is the database's clock.
   */
  async sign(actor: Actor, input: SignatureInput | undefined, expected: SignatureMeaning): Promise<SignatureManifest> {
    if (actor.type !== 'user') throw new DomainError('FORBIDDEN', 'Only a staff member can sign');
    if (!input || typeof input.password !== 'string' || typeof input.meaning !== 'string') {
      throw new DomainError('VALIDATION_FAILED', 'This act needs an electronic signature', {
        errors: [{ field: 'signature', message: `signature {email, password, meaning: '${expected}'} is required for this act` }],
      });
    }
    if (!(SIGNATURE_MEANINGS as readonly string[]).includes(input.meaning) || input.meaning !== expected) {
      throw new DomainError('VALIDATION_FAILED', `signature.meaning: this act is signed with the meaning '${expected}'`, {
        errors: [{ field: 'signature.meaning', message: `must be '${expected}' for this act (one of ${SIGNATURE_MEANINGS.join(', ')})` }],
      });
    }
    const user = await this.db.one<UserRow>(`SELECT id, email, name, active, password_hash, locked_until FROM users WHERE id = $1`, [actor.id]);
    if (!user || !user.active) throw new DomainError('SIGNATURE_INVALID', 'The signature could not be verified');
    if (user.locked_until && user.locked_until.getTime() > Date.now()) {
      throw new DomainError('TOO_MANY_REQUESTS', 'Too many failed signatures or logins; the account is locked for a while', {
        retryAfterSeconds: Math.ceil((user.locked_until.getTime() - Date.now()) / 1000),
      });
    }
    const withEmail = typeof input.email === 'string';
    if (!withEmail) {
      const session = actor.sessionId
        ? await this.db.one<{ first_signed_at: Date | null }>(`SELECT first_signed_at FROM auth_sessions WHERE id = $1 AND user_id = $2`, [actor.sessionId, user.id])
        : undefined;
      if (!session?.first_signed_at) {
        throw new DomainError('VALIDATION_FAILED', 'signature.email: the first signature after login carries your e-mail (user id) and password', {
          errors: [{ field: 'signature.email', message: 'required at the first signing of a session (21 CFR Part 11.200(a)(1)(i))' }],
        });
      }
    }
    const emailOk = !withEmail || input.email!.trim().toLowerCase() === user.email.toLowerCase();
    // the password is checked even when the e-mail is wrong: the answer does not tell which was wrong
    const passwordOk = await verifyPassword(user.password_hash, input.password);
    if (!emailOk || !passwordOk) {
      await this.countFailure(user.id, 'signatures or logins', { email: user.email });
      this.logger.warn({ userId: user.id }, 'failed electronic signature');
      throw new DomainError('SIGNATURE_INVALID', 'The signature could not be verified: e-mail or password is wrong');
    }
    const stamp = actor.sessionId
      ? await this.db.one<{ signed_at: Date }>(
          `UPDATE auth_sessions SET first_signed_at = coalesce(first_signed_at, clock_timestamp()), last_signed_at = clock_timestamp(), signatures = signatures + 1
            WHERE id = $1 AND user_id = $2 RETURNING clock_timestamp() AS signed_at`,
          [actor.sessionId, user.id],
        )
      : undefined;
    const signedAt = (stamp ?? (await this.db.one<{ signed_at: Date }>(`SELECT clock_timestamp() AS signed_at`)))!.signed_at.toISOString();
    return {
      signerId: user.id,
      signerName: user.name,
      meaning: expected,
      signedAt,
      components: withEmail ? 'email+password' : 'password',
      manifestation: `${user.name} — ${expected} — ${signedAt}`,
    };
  }
}
