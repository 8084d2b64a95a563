import type bwipjs from 'bwip-js/node';
import type PDFDocument from 'pdfkit';

/*
 * The document libraries are loaded by the first document an instance renders, not at boot: pdfkit
 * (with fontkit and its font data) and bwip-js hold about 33 MB of the process's resident memory
 * (measured importing the two alone), which an instance that never prints a label or a report need
 * not carry. `pdf.spec.ts` refuses a top-level import of either anywhere in `src/`.
 */
let pdfkit: Promise<typeof PDFDocument> | undefined;
let barcodes: Promise<typeof bwipjs> | undefined;

/** pdfkit's document class, loaded once. */
export function loadPdfKit(): Promise<typeof PDFDocument> {
  pdfkit ??= import('pdfkit').then((m) => m.default);
  return pdfkit;
}

/** bwip-js (the barcode encoder of the labels), loaded once. */
export function loadBarcodes(): Promise<typeof bwipjs> {
  barcodes ??= import('bwip-js/node').then((m) => m.default);
  return barcodes;
}
