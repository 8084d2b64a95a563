import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded-postgres';

/**
 * The built service (`dist/src/main.js`, from `npm run build`) as a separate OS process, so a test can
 * kill it with SIGKILL and start it again on the same database.
 */
export class ServiceProcess {
  child?: ChildProcess;
  port = 0;
  output = '';

  constructor(private readonly env: Record<string, string>) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const main = join(process.cwd(), 'dist', 'src', 'main.js');
    if (!existsSync(main)) throw new Error('dist/src/main.js is missing: run `npm run build` first (npm run test:faults does)');
    this.port ||= await freePort();
    this.child = spawn(process.execPath, [main], {
      env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += String(d)));
    this.child.stderr!.on('data', (d) => (this.output += String(d)));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`service exited ${this.child.exitCode}: ${this.output.slice(-2000)}`);
      try {
        const res = await fetch(`${this.baseUrl}/api/v1/health/ready`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`service did not become ready: ${this.output.slice(-2000)}`);
  }

  /** kill -9: no shutdown hook runs, in-flight requests get no answer. */
  async kill9(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  }
}
