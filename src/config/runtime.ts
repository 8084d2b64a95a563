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

/** JWT_SECRET, or a secret generated once and kept in DATA_DIR so tokens survive restarts. */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const dir = resolve(config.DATA_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export const APP_ROLE = 'cbb_app';
