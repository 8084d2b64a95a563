import { rmSync } from 'node:fs';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const tpl = g.__CBB_TEMPLATE__ as { serverUrl: string; template: string } | undefined;
  const embedded = g.__CBB_EMBEDDED__ as { stop(): Promise<void>; dir: string } | undefined;
  if (tpl && !embedded) {
    // on a shared server, leave nothing behind: the template and any spec database still there
    const c = new Client({ connectionString: tpl.serverUrl });
    await c.connect();
    try {
      const rows = await c.query(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [tpl.template, `${tpl.template.replace('tpl', 'f')}%`]);
      for (const r of rows.rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => undefined);
    } finally {
      await c.end();
    }
  }
  if (embedded) {
    await embedded.stop();
    rmSync(embedded.dir, { recursive: true, force: true });
  }
}
