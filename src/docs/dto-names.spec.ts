import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The OpenAPI document names a schema after its class, so two DTO classes of one name collapse into
 * one schema: the document then describes one route's body with the other's fields, and the console's
 * client (typed from it) is wrong. Every class of the API's DTO folders has a name of its own.
 */
function dtoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return dtoFiles(p);
    return /\/dto\/[^/]+\.ts$/.test(p) && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

describe('API schema names', () => {
  it('no two DTO classes share a name (the OpenAPI document would keep only one of them)', () => {
    const seen = new Map<string, string[]>();
    for (const file of dtoFiles(join(process.cwd(), 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^export class (\w+)/gm)) {
        seen.set(m[1], [...(seen.get(m[1]) ?? []), file.slice(process.cwd().length + 1)]);
      }
    }
    const twice = [...seen].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(twice).toEqual([]);
    expect(seen.size).toBeGreaterThan(100);
  });
});
