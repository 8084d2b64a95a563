import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { dumpSchema } from '../src/database/schema-dump';
import { withDatabase } from './setup/global-setup';
import { testPool } from './setup/pools';

/**
 * schema.sql (the migrated schema, normalised: src/database/schema-dump.ts) is what the migrations
 * make, on PostgreSQL 15 and on the embedded 18 alike. After a migration: `npm run schema:dump` and
 * commit schema.sql, whose diff is then the migration's effect.
 */
let db: Pool;
let name: string;

beforeAll(async () => {
  const serverUrl = process.env.CBB_TEST_SERVER_URL!;
  name = `${process.env.CBB_TEST_TEMPLATE!.replace('tpl', 'f')}_${randomBytes(4).toString('hex')}`;
  const maint = testPool({ connectionString: serverUrl, max: 1 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await maint.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.CBB_TEST_TEMPLATE}`);
        break;
      } catch (err) {
        if (attempt > 20 || !/being accessed by other users/.test(String((err as Error).message))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await maint.end();
  }
  db = testPool({ connectionString: withDatabase(serverUrl, name), max: 1 });
});
afterAll(async () => {
  await db.end();
  const maint = testPool({ connectionString: process.env.CBB_TEST_SERVER_URL!, max: 1 });
  await maint.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  await maint.end();
});

/** Blocks (one object each, separated by blank lines), keyed by their first line. */
function blocks(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const block of text.split(/\n\n+/)) {
    const lines = block.split('\n').filter((l) => l.length > 0);
    if (!lines.length || lines.every((l) => l.startsWith('--'))) continue;
    let key = lines[0];
    for (let n = 2; out.has(key); n++) key = `${lines[0]} (#${n})`;
    out.set(key, lines);
  }
  return out;
}

/** A line diff of two small blocks (longest common subsequence), with `-`/`+` marks and 2 lines of context. */
function lineDiff(a: string[], b: string[]): string[] {
  const l: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) l[i][j] = a[i] === b[j] ? l[i + 1][j + 1] + 1 : Math.max(l[i + 1][j], l[i][j + 1]);
  const ops: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push(`  ${a[i++]}`) && j++;
    else if (i < a.length && (j === b.length || l[i + 1][j] >= l[i][j + 1])) ops.push(`- ${a[i++]}`);
    else ops.push(`+ ${b[j++]}`);
  }
  const keep = ops.map((_op, k) => ops.slice(Math.max(0, k - 2), k + 3).some((o) => !o.startsWith('  ')));
  return ops.filter((_, k) => keep[k]);
}

/** What differs between schema.sql (`committed`) and the migrated schema (`migrated`), readably. */
export function schemaDiff(committed: string, migrated: string): string {
  const a = blocks(committed);
  const b = blocks(migrated);
  const out: string[] = [];
  for (const [key, lines] of a) {
    if (!b.has(key)) out.push(`in schema.sql, not made by the migrations:\n${lines.map((x) => `- ${x}`).join('\n')}`);
    else if (b.get(key)!.join('\n') !== lines.join('\n')) out.push(`differs: ${key} (- schema.sql, + migrations)\n${lineDiff(lines, b.get(key)!).join('\n')}`);
  }
  for (const [key, lines] of b) if (!a.has(key)) out.push(`made by the migrations, not in schema.sql:\n${lines.map((x) => `+ ${x}`).join('\n')}`);
  return out.join('\n\n');
}

describe('schema.sql', () => {
  it('is the schema the migrations make (run `npm run schema:dump` after a migration)', async () => {
    const client = await db.connect();
    let migrated: string;
    try {
      migrated = await dumpSchema(client);
    } finally {
      client.release();
    }
    const committed = readFileSync(join(process.cwd(), 'schema.sql'), 'utf8');
    const diff = schemaDiff(committed, migrated);
    expect(diff).toBe('');
    expect(migrated).toBe(committed);
  });

  it('names what differs: a changed column, a dropped and an added object', () => {
    const committed = 'CREATE TABLE a (\n  x integer\n);\n\nCREATE INDEX i ON a (x);\n';
    const migrated = 'CREATE TABLE a (\n  x bigint\n);\n\nCREATE INDEX j ON a (x);\n';
    expect(schemaDiff(committed, migrated)).toBe([
      'differs: CREATE TABLE a ( (- schema.sql, + migrations)\n  CREATE TABLE a (\n-   x integer\n+   x bigint\n  );',
      'in schema.sql, not made by the migrations:\n- CREATE INDEX i ON a (x);',
      'made by the migrations, not in schema.sql:\n+ CREATE INDEX j ON a (x);',
    ].join('\n\n'));
  });
});
