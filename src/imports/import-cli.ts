import 'reflect-metadata';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Logger as WorkerLogger, runOnce } from 'graphile-worker';
import { Pool } from 'pg';
import { loadConfig } from '../config/app-config';
import { embeddedForTool } from '../database/embedded-postgres';
import { runTool } from '../database/tool-client';
import { dryRun, type DryRunReport } from './dry-run';
import { IMPORT_TASK, importTask } from './imports.task';
import { createImport, importView, load, runImport, type Progress } from './importer';

const USAGE = `usage: npm run import -- <directory> [--dry-run] [--operator <name>] [--json]
       npm run import -- --resume <import id>
The directory holds the inventory CSV files (README "Bulk import"). The dry run reports every row
that would be refused and writes nothing; without --dry-run the import runs when the dry run is clean.
Exit code: 0 done, 1 rows refused (nothing written), 2 error.`;

/** The dry-run report as lines: one per refused row, then a summary per file. */
export function formatReport(r: DryRunReport): string {
  const out: string[] = [];
  for (const x of r.refusals) out.push(`REFUSED ${x.file}:${x.line}${x.column ? ` [${x.column}]` : ''}${x.din ? ` ${x.din}` : ''}: ${x.message}`);
  if (r.truncated) out.push(`… more refusals than the ${r.refusals.length} listed`);
  for (const f of r.files) out.push(`${f.name.padEnd(16)} ${String(f.rows).padStart(8)} rows  ${String(f.refused).padStart(6)} refused  sha256 ${f.sha256}`);
  out.push(r.ok ? `dry run clean: ${r.units} units in ${r.files.length} files` : `dry run: ${r.refusedRows} rows would be refused; nothing was written`);
  return `${out.join('\n')}\n`;
}

/** A one-line progress bar on stderr (a terminal only). */
function progressBar(): Progress & { end(): void } {
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let last = 0;
  const fn = ((p) => {
    const now = Date.now();
    if (now - last < 200 && p.done < p.rows) return;
    last = now;
    const width = 30;
    const frac = p.rows ? Math.min(1, p.done / p.rows) : 1;
    const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '-');
    const line = `[${bar}] ${(p.file ?? p.phase).padEnd(16)} ${p.done}/${p.rows}  ${((now - started) / 1000).toFixed(1)} s`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (p.done >= p.rows) process.stderr.write(`${line}\n`);
  }) as Progress & { end(): void };
  fn.end = () => {
    if (tty) process.stderr.write('\n');
  };
  return fn;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.includes(name);
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const resumeId = value('--resume');
  const dir = args.find((a, i) => !a.startsWith('--') && !['--operator', '--resume'].includes(args[i - 1]));
  if (!dir && !resumeId) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfig();
  const log = { info: () => undefined, warn: (m: string) => process.stderr.write(`${m}\n`), debug: () => undefined };
  const embedded = config.DATABASE_URL ? undefined : await embeddedForTool(config.DATA_DIR, log);
  const pool = new Pool({ connectionString: config.DATABASE_URL ?? embedded!.url, max: 2 + config.IMPORT_CONNECTIONS, options: '-c TimeZone=UTC' });
  const bar = progressBar();
  try {
    const client = await pool.connect();
    let id = resumeId;
    try {
      if (!id) {
        const report = await dryRun(client, resolve(dir!));
        if (flag('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(formatReport(report));
        if (!report.ok) {
          process.exitCode = 1;
          return;
        }
        if (flag('--dry-run')) return;
        const user = userInfo().username;
        const operatorName = value('--operator') ?? `${user}@${hostname()}`;
        id = await createImport(client, report, { id: `os:${user}@${hostname()}`, name: operatorName });
        process.stdout.write(`import ${id} queued (job import.run)\n`);
      } else {
        // a resumed import: its job again (the checkpoints decide what is left)
        await client.query(`SELECT graphile_worker.add_job('import.run', json_build_object('id', $1::text), job_key => 'import:' || $1, max_attempts => 5)`, [id]);
      }
    } finally {
      client.release();
    }
    const started = Date.now();
    // the job, run here (an app instance's worker may take it instead: then this waits for it)
    await runOnce({
      pgPool: pool,
      taskList: { [IMPORT_TASK]: importTask(bar, config.IMPORT_CONNECTIONS) },
      logger: new WorkerLogger(() => (level, message) => {
        if (level === 'error') process.stderr.write(`${message}\n`);
      }),
    });
    let imp = await load(pool as never, id);
    while (imp.status === 'queued' || imp.status === 'running') {
      await new Promise((r) => setTimeout(r, 500));
      imp = await load(pool as never, id);
      const f = imp.files.find((x) => x.done < x.rows);
      bar({ phase: imp.phase, file: f?.name, done: f?.done ?? 0, rows: f?.rows ?? 0 });
    }
    bar.end();
    const v = importView(imp);
    process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`import ${v.id} ${v.status} in ${seconds.toFixed(1)} s: ${v.units} units, ${(v.units / seconds).toFixed(0)} units/s\n`);
    if (v.status !== 'completed') process.exitCode = 2;
  } finally {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
  }
}

export { runImport };

if (process.argv[1] && /import-cli\.(js|ts)$/.test(process.argv[1])) runTool(main);
