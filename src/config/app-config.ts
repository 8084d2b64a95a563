import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';

/** Boolean env values: "true/1/yes" and "false/0/no"; anything else is kept to be refused by validation. */
function toBool({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
}

function toNumber({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || value.trim() === '' || Number.isNaN(Number(value))) return value;
  return Number(value);
}

function toInt({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) return value;
  return Number(value.trim());
}

/**
 * A numeric setting from `min` to `max`, converted from the environment's text first; `minMessage`
 * replaces the message for a value below `min`. The validators are applied in the order a written
 * stack `@Transform @IsInt @Min @Max` would apply them (bottom up), so the messages keep their order.
 */
function numericSetting(convert: typeof toInt, isKind: () => PropertyDecorator, min: number, max: number, minMessage?: string): PropertyDecorator {
  return (target, key) => {
    Max(max)(target, key);
    Min(min, minMessage === undefined ? undefined : { message: minMessage })(target, key);
    isKind()(target, key);
    Transform(convert)(target, key);
  };
}

/** A whole-number setting (`PORT=3000`). */
const IntSetting = (min: number, max: number, minMessage?: string): PropertyDecorator => numericSetting(toInt, () => IsInt(), min, max, minMessage);
/** A setting that may have decimals (`FREEZER_SILENCE_MINUTES=0.5`). */
const NumberSetting = (min: number, max: number): PropertyDecorator => numericSetting(toNumber, () => IsNumber(), min, max);

/** The most events one `POST /lab/events` request may carry (the rate limit's burst is at least this). */
export const LAB_EVENTS_MAX_BATCH = 500;

/**
 * The service's configuration, read from the environment once at start.
 * A bad value stops the start with a message naming the variable.
 */
export class AppConfig {
  @IntSetting(0, 65535)
  PORT = 3000;

  @IsString()
  @Matches(/^[0-9a-zA-Z.:-]+$/, { message: 'HOST must be a host name or address to listen on' })
  HOST = '0.0.0.0';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  /** Optional separate login for the application (least privilege); without it the app SETs ROLE to DATABASE_APP_ROLE. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_APP_URL must be a postgres:// connection URL' })
  DATABASE_APP_URL?: string;

  @IntSetting(1, 200)
  DATABASE_POOL_SIZE = 10;

  /** How long opening one database connection may take before the request fails 503. */
  @IntSetting(100, 60000)
  DATABASE_CONNECT_TIMEOUT_MS = 2000;

  /**
   * How long a request waits for a free pooled connection when all are busy (a burst beyond the
   * pool, or a cold pool opening its connections) before it fails 503. Separate from the connect
   * timeout: a queue of requests is not a database that does not answer.
   */
  @IntSetting(100, 600000)
  DATABASE_POOL_WAIT_MS = 10000;

  @IntSetting(100, 600000)
  DATABASE_STATEMENT_TIMEOUT_MS = 15000;

  @Transform(toBool)
  @IsIn([true, false], { message: 'MIGRATIONS_RUN must be true or false' })
  MIGRATIONS_RUN = true;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IntSetting(60, 86400)
  JWT_EXPIRES_IN_SECONDS = 3600;

  @Matches(/^[A-NP-Z1-9][0-9]{4}$/, { message: 'ISBT_FACILITY_ID must be an ISBT 128 facility identification number: A–N, P–Z or 1–9 (never O or 0) and four digits, e.g. W1234' })
  ISBT_FACILITY_ID = 'W0000';

  @IsOptional()
  @IsString()
  @MaxLength(254)
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsString()
  DATA_DIR = '.data';

  /** The built staff console (`npm run build` puts it here); served at `/` when it holds an index.html. */
  @IsString()
  CONSOLE_DIR = 'dist/console';

  @IntSetting(1, 1000)
  LOGIN_MAX_FAILURES = 5;

  /** FACT-NetCord acceptance: a unit received later than this after collection is flagged. */
  @NumberSetting(1, 240)
  ACCEPT_MAX_TRANSIT_HOURS = 48;

  /**
   * ISBT 128 labels: the expiry printed on a cryopreserved unit, in years after processing (the
   * bank's validated stability claim). A fresh unit's label expires ACCEPT_MAX_TRANSIT_HOURS after collection.
   */
  @NumberSetting(1, 50)
  LABEL_FROZEN_SHELF_LIFE_YEARS = 20;

  /** Acceptance criterion: minimum gross collection volume (mL); below it the unit is flagged at receipt. */
  @NumberSetting(0, 1000)
  ACCEPT_MIN_VOLUME_ML = 40;

  /** Acceptance criterion: minimum total nucleated cells after processing; below it the unit is flagged. */
  @NumberSetting(0, 1e12)
  ACCEPT_MIN_TNC = 9e8;

  /**
   * 21 CFR 1271.260(e): recorded storage temperatures are reviewed periodically; the bank's interval
   * (days) between reviews of each freezer (nextDueAt = end of the last period reviewed + this).
   */
  @IntSetting(1, 366)
  FREEZER_REVIEW_INTERVAL_DAYS = 30;

  /** The processing laboratory's name, used as the custodian after receipt. */
  @IsString()
  @MaxLength(200)
  LAB_NAME = 'Processing laboratory';

  /** Sustained lab events per second per integration (events of a batch count one by one). */
  @IntSetting(1, 1_000_000)
  LAB_EVENTS_RATE_PER_SECOND = 5000;

  /** Lab-event bucket size per integration; at least one full batch. */
  @IntSetting(LAB_EVENTS_MAX_BATCH, 10_000_000, `LAB_EVENTS_RATE_BURST must be at least ${LAB_EVENTS_MAX_BATCH} (one full batch)`)
  LAB_EVENTS_RATE_BURST = 10000;

  /**
   * Batches apply their independent unit results (one event for its unit in the batch, a type and a
   * unit state that need no per-unit step) set-based, in one transaction; off: every event one by one.
   */
  @Transform(toBool)
  @IsIn([true, false], { message: 'LAB_EVENTS_BATCH_SET_BASED must be true or false' })
  LAB_EVENTS_BATCH_SET_BASED = true;

  /** Events of one batch applied at once (each in its own transaction; same subject in order). */
  @IntSetting(1, 32)
  LAB_EVENTS_BATCH_CONCURRENCY = 4;

  @IntSetting(1, 86400)
  LOGIN_LOCKOUT_SECONDS = 900;

  /** Key of the outcome export's patient pseudonyms (HMAC-SHA256); without it one is generated once and kept in DATA_DIR. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'OUTCOMES_PSEUDONYM_SECRET must be at least 32 characters' })
  OUTCOMES_PSEUDONYM_SECRET?: string;

  /** Minimum cell size k of the de-identified outcome export (smaller cells are suppressed); at least 5. */
  @IntSetting(5, 1000, 'OUTCOMES_EXPORT_MIN_CELL must be at least 5')
  OUTCOMES_EXPORT_MIN_CELL = 5;
  // ---- jobs, alarms and notifications (DESIGN.md section 10) ----

  /** A freezer whose monitor sent no reading for this long raises a critical alarm (decimals allowed). */
  @NumberSetting(0.01, 1440)
  FREEZER_SILENCE_MINUTES = 15;

  /** An unacknowledged critical alarm escalates (notifies the escalation roles) after this long. */
  @NumberSetting(0.01, 10080)
  ALARM_ESCALATE_MINUTES = 30;

  /** A serious adverse reaction's (15-day) or a distributed unit's deviation's (45-day) FDA report raises a warning alarm this many days before it is due (21 CFR 1271.350). */
  @IntSetting(0, 14)
  FDA_REPORT_WARN_DAYS = 3;

  /** Where alarm e-mails go out (smtp:// or smtps://, credentials in the URL); unset: e-mails are recorded `not_configured`. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @Matches(/^[^\r\n]{3,200}$/, { message: 'SMTP_FROM must be a sender address (one line)' })
  SMTP_FROM = 'Cord blood bank alarms <alarms@cbb.invalid>';

  /** How often an idle job worker looks for due jobs (new jobs are also announced by LISTEN/NOTIFY). */
  @IntSetting(50, 60000)
  JOBS_POLL_INTERVAL_MS = 1000;

  /** Jobs this instance runs at once; 0: this instance runs none (the others do). */
  @IntSetting(0, 32)
  JOBS_CONCURRENCY = 2;

  /** Where the daily audit anchor files go (share it between instances: WORM storage, the QA record). */
  @IsString()
  @MinLength(1)
  AUDIT_ANCHOR_DIR = 'anchors';

  /** When the daily audit anchor is taken (cron, UTC): minute hour day month weekday. */
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'AUDIT_ANCHOR_CRON must be a 5-field cron expression, e.g. "0 2 * * *"' })
  AUDIT_ANCHOR_CRON = '0 2 * * *';
  /** The largest document `POST /documents` stores (bytes); a larger upload is 413. Stored in PostgreSQL (bytea). */
  @IntSetting(1024, 100 * 1024 * 1024)
  DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

  /**
   * The directory under which `POST /imports` may name an inventory to import (a subdirectory of it);
   * relative to the working directory. Nothing outside it can be read through the API.
   */
  @IsString()
  @MinLength(1)
  IMPORT_DIR = 'imports';

  /**
   * The connections one import applies its chunks on (1 to 8): chunk k runs beside chunk k-1 and
   * commits after it, so the files, checkpoints and chains are in file order as with one. 2 uses the
   * second core of a small server; past the server's cores it only adds lock waits.
   */
  @IntSetting(1, 8)
  IMPORT_CONNECTIONS = 2;
}

export class ConfigError extends Error {}

/** Validates the environment; throws a ConfigError listing every bad variable by name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'DATABASE_URL', 'DATABASE_APP_URL', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'OUTCOMES_PSEUDONYM_SECRET', 'SMTP_URL']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if ((config.ADMIN_EMAIL === undefined) !== (config.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  return config;
}
