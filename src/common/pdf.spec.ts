import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadBarcodes, loadPdfKit } from './pdf';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

/** The document libraries an instance loads with its first label or report, never at boot (src/common/pdf.ts). */
const LAZY = ['pdfkit', 'bwip-js', 'bwip-js/node'];

describe('PDF libraries are loaded on first use', () => {
  it('no source file imports pdfkit or bwip-js at load time (only `import type`, and import() when a document is made)', () => {
    const eager: string[] = [];
    for (const file of sources(join(process.cwd(), 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
        if (LAZY.includes(m[1])) eager.push(`${file.slice(process.cwd().length + 1)}: ${m[1]}`);
      }
    }
    expect(eager).toEqual([]);
  });

  it('loads bwip-js once and it encodes a barcode', async () => {
    const [A, B] = await Promise.all([loadBarcodes(), loadBarcodes()]);
    expect(A).toBe(B);
    expect(A.raw({ bcid: 'code128', text: 'W0000' }).length).toBe(1);
  });

  it('loads pdfkit once and it makes a PDF', async () => {
    const [A, B] = await Promise.all([loadPdfKit(), loadPdfKit()]);
    expect(A).toBe(B);
    expect(await loadPdfKit()).toBe(A);
    const doc = new A({ size: 'A6' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    doc.text('x');
    doc.end();
    await done;
    expect(Buffer.concat(chunks).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
