import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { DomainError, notFound } from '../common/domain-error';
import { registerConstraintMessages } from '../common/database-errors';
import { Db } from '../database/db.service';
import { AuthService, PublicUser } from './auth.service';
import { CreateUserDto, UpdateUserDto } from './dto/auth.dto';
import { hashPassword } from './passwords';

registerConstraintMessages({ users_email_key: 'A user with this email already exists' });

const COLUMNS = `id, email, name, roles, active, must_change_password AS "mustChangePassword",
  CASE WHEN locked_until > now() THEN locked_until END AS "lockedUntil"`;

@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(private readonly db: Db) {}

  /**
   * A new account. Its password, chosen by the administrator, is one-time (Part 11.300(b)): the
   * user must replace it at the first login, so the administrator never knows a working password.
   */
  async create(actor: Actor, dto: CreateUserDto): Promise<PublicUser> {
    const hash = await hashPassword(dto.password);
    const row = await this.db.tx(
      actor,
      (tx) => tx.one<PublicUser>(`INSERT INTO users (email, name, password_hash, roles, must_change_password) VALUES ($1, $2, $3, $4, true) RETURNING ${COLUMNS}`, [dto.email, dto.name, hash, dto.roles]),
      { audit: { action: 'user.created' } },
    );
    this.logger.log({ actorId: actor.id, userId: row!.id, roles: dto.roles }, 'user created');
    return row!;
  }

  list(): Promise<PublicUser[]> {
    return this.db.query<PublicUser>(`SELECT ${COLUMNS} FROM users ORDER BY lower(email)`);
  }

  /**
   * Name, roles, active flag, or a password reset. A reset sets a one-time password (the user must
   * replace it at the next login: POST /auth/password) and clears a lockout. A role change,
   * deactivation or reset ends the user's sessions at once: the database raises the account's
   * session version, which every request checks.
   */
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<PublicUser> {
    if (id === actor.id && (dto.active === false || (dto.roles && !dto.roles.includes('admin')))) {
      throw new DomainError('CONFLICT', 'An administrator can not deactivate or demote their own account');
    }
    const hash = dto.password ? await hashPassword(dto.password) : null;
    const row = await this.db.tx(actor, (tx) => tx.one<PublicUser>(
      `UPDATE users SET
          name = coalesce($2, name),
          roles = coalesce($3, roles),
          active = coalesce($4, active),
          password_hash = coalesce($5, password_hash),
          password_changed_at = CASE WHEN $5::text IS NULL THEN password_changed_at ELSE now() END,
          must_change_password = CASE WHEN $5::text IS NULL THEN must_change_password ELSE true END,
          failed_login_count = CASE WHEN $5::text IS NULL THEN failed_login_count ELSE 0 END,
          locked_until = CASE WHEN $5::text IS NULL THEN locked_until ELSE NULL END,
          updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, dto.name ?? null, dto.roles ?? null, dto.active ?? null, hash],
    ), { audit: { action: 'user.updated', reason: dto.password ? 'password reset: one-time password set' : undefined } });
    if (!row) throw notFound('User', id);
    this.logger.log({ actorId: actor.id, userId: id, fields: Object.keys(dto).filter((k) => k !== 'password') }, 'user updated');
    return row;
  }
}

@Injectable()
export class IntegrationsService {
  private readonly logger = new Logger('Integrations');

  constructor(private readonly db: Db) {}

  async create(actor: Actor, name: string): Promise<{ id: string; name: string; apiKey: string }> {
    const { key, hash, prefix } = AuthService.newApiKey();
    const row = await this.db.tx(
      actor,
      (tx) =>
        tx.one<{ id: string; name: string }>(`INSERT INTO integrations (name, key_hash, key_prefix, created_by) VALUES ($1, $2, $3, $4) RETURNING id, name`, [
          name,
          hash,
          prefix,
          actor.id,
        ]),
      { audit: { action: 'integration.registered' } },
    );
    this.logger.log({ actorId: actor.id, integrationId: row!.id }, 'integration registered');
    return { id: row!.id, name: row!.name, apiKey: key };
  }

  list(): Promise<unknown[]> {
    return this.db.query(
      `SELECT id, name, key_prefix AS "keyPrefix", created_at AS "createdAt", revoked_at AS "revokedAt" FROM integrations ORDER BY created_at`,
    );
  }

  /** Revocation is immediate: keys are looked up on every request. */
  async revoke(actor: Actor, id: string): Promise<void> {
    const rows = await this.db.tx(
      actor,
      (tx) => tx.query(`UPDATE integrations SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, $2) WHERE id = $1 RETURNING id`, [id, actor.id]),
      { audit: { action: 'integration.revoked' } },
    );
    if (rows.length === 0) throw notFound('Integration', id);
    this.logger.log({ actorId: actor.id, integrationId: id }, 'integration key revoked');
  }
}

registerConstraintMessages({ integrations_name_active_key: 'An active integration with this name already exists' });
