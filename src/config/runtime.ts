import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from './app-config';

/** What the app runs with once the environment is read and the database is resolved. */
export class RuntimeSettings {
  constructor(
    readonly config: AppConfig,
    /** The owner's URL (migrations) */
    readonly databaseUrl: string,
    /** The application's URL (least privilege) */
    readonly appDatabaseUrl: string,
    /** Role the app's sessions run as, when it logs in with the owner's credentials */
    readonly appRole: string | undefined,
    readonly jwtSecret: string,
  ) {}
}

/**
 * The secret `configured` in the environment or, without one, a secret generated once and kept in
 * DATA_DIR/`file` (readable by the service's user only), so what it signs survives restarts.
 */
export function persistentSecret(config: AppConfig, configured: string | undefined, file: string): string {
  if (configured) return configured;
  const dir = resolve(config.DATA_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const path = join(dir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, secret + '\n', { mode: 0o600 });
  return secret;
}

/** JWT_SECRET, or a secret generated once and kept in DATA_DIR so tokens survive restarts. */
export const resolveJwtSecret = (config: AppConfig): string => persistentSecret(config, config.JWT_SECRET, 'jwt-secret');

export const APP_ROLE = 'cbb_app';
