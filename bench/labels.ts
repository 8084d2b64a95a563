import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LABEL_STAGES, buildLabel } from '../src/labels/label-model';
import { renderLabelPdf, renderLabelZpl } from '../src/labels/render-label';
import { sampleFacts } from '../src/labels/sample-facts';
import { ms, summarize, table } from './lib/stats';

/**
 * Label render time and size, per stage and format, on a sample unit (no database: the rendering
 * alone, which is what a print adds to the record read). `--png <dir>` also writes a 150 dpi PNG of
 * each stage's PDF (pdftoppm, poppler-utils) — the pictures in docs/labels/.
 *   npm run bench:labels -- [--runs 200] [--png docs/labels]
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || 200;
  const pngDir = args.includes('--png') ? args[args.indexOf('--png') + 1] : null;
  const policy = { freshHours: 48, frozenYears: 20 };
  const printedAt = new Date('2026-03-11T09:00:00Z');
  const rows: (string | number)[][] = [];
  for (const stage of LABEL_STAGES) {
    const model = buildLabel(stage, sampleFacts(stage), policy);
    for (let i = 0; i < 10; i++) await renderLabelPdf(model, printedAt);
    const pdfTimes: number[] = [];
    const zplTimes: number[] = [];
    let pdf: Buffer = Buffer.alloc(0);
    let zpl = '';
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      pdf = await renderLabelPdf(buildLabel(stage, sampleFacts(stage), policy), printedAt);
      pdfTimes.push(performance.now() - t);
      t = performance.now();
      zpl = renderLabelZpl(buildLabel(stage, sampleFacts(stage), policy), printedAt);
      zplTimes.push(performance.now() - t);
    }
    const p = summarize(pdfTimes);
    const z = summarize(zplTimes);
    rows.push([stage, 'pdf', p.n, ms(p.p50), ms(p.p95), ms(p.max), pdf.length]);
    rows.push([stage, 'zpl', z.n, ms(z.p50), ms(z.p95), ms(z.max), Buffer.byteLength(zpl)]);
    if (pngDir) {
      mkdirSync(pngDir, { recursive: true });
      const tmp = mkdtempSync(join(tmpdir(), 'label-'));
      writeFileSync(join(tmp, 'l.pdf'), pdf);
      execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', join(tmp, 'l.pdf'), join(tmp, 'l')]);
      renameSync(join(tmp, 'l.png'), join(pngDir, `${stage}.png`));
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  if (pngDir) {
    // and one label with the 21 CFR 1271.65(b)(2) statements: a family unit of an ineligible donor
    const model = buildLabel('final', sampleFacts('final', { bankingType: 'family', eligibility: { status: 'ineligible', reasons: ['HBsAg: positive'] }, reactiveMarkers: ['HBsAg'] }), policy);
    const tmp = mkdtempSync(join(tmpdir(), 'label-'));
    writeFileSync(join(tmp, 'l.pdf'), await renderLabelPdf(model, printedAt));
    execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', join(tmp, 'l.pdf'), join(tmp, 'l')]);
    renameSync(join(tmp, 'l.png'), join(pngDir, 'final-family-ineligible-donor.png'));
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`label rendering, ${runs} runs per stage and format (Node ${process.version}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  console.log(table(['stage', 'format', 'n', 'p50 ms', 'p95 ms', 'max ms', 'bytes'], rows));
  if (pngDir) console.log(`PNGs written to ${pngDir}/`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
