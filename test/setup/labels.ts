import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

/** Renders page 1 of a PDF to a PNG at `dpi` with pdftoppm (poppler-utils), as a printer would rasterise it. */
export function pdfToPng(pdf: Buffer, dpi = 300): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'label-test-'));
  try {
    writeFileSync(join(dir, 'l.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', join(dir, 'l.pdf'), join(dir, 'l')]);
    return readFileSync(join(dir, 'l.png'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text a person reads on the PDF (pdftotext). */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'label-test-'));
  try {
    writeFileSync(join(dir, 'l.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'l.pdf'), '-']).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let ready: Promise<unknown> | null = null;
/** zxing-wasm with its reader wasm from the package itself (no network). */
function zxing(): Promise<unknown> {
  if (!ready) {
    const wasm = readFileSync(join(process.cwd(), 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'));
    ready = Promise.resolve(prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true }));
  }
  return ready;
}

/** Every Code 128 and DataMatrix symbol a barcode reader finds on the image, as {format, text}. */
export async function decodeBarcodes(png: Buffer): Promise<{ format: string; text: string }[]> {
  await zxing();
  const found = await readBarcodes(new Uint8Array(png), { formats: ['Code128', 'DataMatrix'], maxNumberOfSymbols: 30, tryHarder: true });
  return found.filter((b) => b.isValid).map((b) => ({ format: b.format, text: b.text }));
}

/** The barcode fields of a ZPL label: ^BC (Code 128, ZPL's `><` unescaped, the `>:` start-B removed) and ^BX (DataMatrix). */
export function parseZplBarcodes(zpl: string): { code128: string[]; dataMatrix: string[] } {
  const code128: string[] = [];
  const dataMatrix: string[] = [];
  const re = /\^(BC|BX)[^\^]*(?:\^FO[^\^]*)?\^FD(.*?)\^FS/gs;
  let m: RegExpExecArray | null;
  while ((m = re.exec(zpl))) {
    if (m[1] === 'BC') code128.push(m[2].replace(/^>:/, '').replace(/></g, '>'));
    else dataMatrix.push(m[2]);
  }
  return { code128, dataMatrix };
}
