import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, startTestApp } from './setup/test-app';

/**
 * The console's API client is typed from the service's own OpenAPI document (/docs-json), so the
 * console cannot drift from the API (issue 18). The types are committed in console/src/api/schema.d.ts;
 * this test generates them again from the running app's document and fails when they differ.
 * Regenerate with `npm run console:schema` (the same test, writing the file).
 */
const SCHEMA_FILE = 'console/src/api/schema.d.ts';
const ROLES_FILE = 'console/src/api/route-roles.ts';
const BANNER = '/**\n * GENERATED from the service\'s OpenAPI document (GET /docs-json) by openapi-typescript.\n * Do not edit: run `npm run console:schema` (test/console-schema.e2e-spec.ts checks it is current).\n */\n\n';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Doc = { paths: Record<string, Record<string, { 'x-roles'?: string[]; 'x-access'?: string }>> };

async function generate(): Promise<{ schema: string; roles: string }> {
  const doc = (await t.http().get('/docs-json').expect(200)).body as Doc;
  // the ESM build exports astToString beside the default (its CommonJS typings do not say so)
  const { default: openapiTS, astToString } = (await import('openapi-typescript')) as unknown as {
    default: (doc: unknown, opts: { alphabetize: boolean; silent: boolean }) => Promise<unknown>;
    astToString: (ast: unknown) => string;
  };
  const ast = await openapiTS(doc, { alphabetize: true, silent: true });
  // who may call each operation, as the route itself declares it (x-access, x-roles): the console
  // shows an action only to the roles its route admits, and never keeps a list of its own
  const rules: string[] = [];
  for (const path of Object.keys(doc.paths).sort()) {
    for (const method of Object.keys(doc.paths[path]).sort()) {
      const op = doc.paths[path][method];
      if (!op['x-access']) continue;
      rules.push(`  '${method.toUpperCase()} ${path}': { access: '${op['x-access']}', roles: [${(op['x-roles'] ?? []).map((r) => `'${r}'`).join(', ')}] },`);
    }
  }
  const roles =
    BANNER +
    "export type RouteAccess = { access: 'public' | 'staff' | 'integration'; roles: readonly string[] };\n\n" +
    '/** Every operation of the API and who may call it (an empty `roles` on a staff route: any staff role). */\n' +
    `export const ROUTE_ROLES = {\n${rules.join('\n')}\n} as const satisfies Record<string, RouteAccess>;\n\n` +
    'export type RouteKey = keyof typeof ROUTE_ROLES;\n';
  return { schema: BANNER + astToString(ast), roles };
}

function committed(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // missing: the comparison fails and says how to make it
  }
}

describe('console API types', () => {
  it('the committed console/src/api/schema.d.ts is what the current OpenAPI document generates', async () => {
    const generated = await generate();
    if (process.env.CONSOLE_SCHEMA_WRITE === '1') {
      writeFileSync(SCHEMA_FILE, generated.schema);
      writeFileSync(ROLES_FILE, generated.roles);
    }
    for (const [file, text] of [[SCHEMA_FILE, generated.schema], [ROLES_FILE, generated.roles]] as const) {
      if (committed(file) !== text) throw new Error(`${file} differs from the OpenAPI document: run \`npm run console:schema\` and commit it`);
    }
    expect(generated.schema).toContain('"/api/v1/units/{din}"');
    expect(generated.roles).toContain("'POST /api/v1/units/{din}/status': { access: 'staff', roles: ['quality_assurance'] }");
  });
});
