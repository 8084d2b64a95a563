import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded-postgres';

/** The administrator the benchmarks create on the bench database's first service start (and log in as later). */
export const BENCH_ADMIN = { email: 'bench-admin@bank.example', password: 'bench-admin-password-1' };

export interface RunningService {
  baseUrl: string;
  pid: number;
  child: ChildProcess;
  /** admin bearer token */
  token: string;
  stop(): Promise<void>;
  /** current resident set size of the service process, MB (Linux /proc) */
  rssMb(): number | null;
}

/**
 * Starts the service as it runs in production (`node dist/src/main.js`) on the bench database,
 * on a free port, and logs in as the bench administrator.
 */
export async function startService(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningService> {
  const port = await freePort();
  // BENCH_SERVICE_FLAGS: node flags for the service only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under the benchmark)
  const flags = (process.env.BENCH_SERVICE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, join(__dirname, '..', '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise<'wait'>((r) => setTimeout(() => r('wait'), 250))]);
    if (early !== 'wait') throw new Error(`the service exited (${early}) before it was ready:\n${stderr}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health/ready`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not become ready within 120 s:\n${stderr}`);
    }
  }
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  if (login.status !== 200) {
    child.kill('SIGTERM');
    throw new Error(`login as ${BENCH_ADMIN.email} failed (${login.status}): the bench database has other users; re-seed it with --reset`);
  }
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  return {
    baseUrl,
    pid: child.pid!,
    child,
    token,
    rssMb: () => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Number(m[1]) / 1024 : null;
      } catch {
        return null;
      }
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
      if (done === 'timeout') child.kill('SIGKILL');
    },
  };
}

/**
 * A token of a new staff account with these roles, created by the bench administrator; it replaces
 * its one-time password as new staff do. `admin` implies no product role (DESIGN.md section 6), so
 * a product act (a search) needs such an account.
 */
export async function staffToken(service: RunningService, roles: string[]): Promise<string> {
  const email = `bench-${roles.join('-').replace(/_/g, '')}-${randomBytes(4).toString('hex')}@bench.local`;
  const oneTime = randomBytes(18).toString('base64url');
  const own = randomBytes(18).toString('base64url');
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${service.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const created = await post('/users', { email, name: `Bench ${roles.join(', ')}`, password: oneTime, roles }, service.token);
  if (created.status !== 201) throw new Error(`creating a bench user failed: ${created.status} ${await created.text()}`);
  const login = await post('/auth/login', { email, password: oneTime });
  const first = ((await login.json()) as { accessToken: string }).accessToken;
  const changed = await post('/auth/password', { currentPassword: oneTime, newPassword: own }, first);
  if (changed.status !== 200) throw new Error(`setting the bench user's password failed: ${changed.status} ${await changed.text()}`);
  return ((await changed.json()) as { accessToken: string }).accessToken;
}

/** Samples the service's RSS every `everyMs` until stopped; the largest value seen, MB. */
export function rssSampler(service: RunningService, everyMs = 200): { stop(): number; max(): number } {
  let max = service.rssMb() ?? 0;
  const t = setInterval(() => {
    const v = service.rssMb();
    if (v !== null && v > max) max = v;
  }, everyMs);
  return {
    max: () => max,
    stop: () => {
      clearInterval(t);
      return max;
    },
  };
}
