import type PDFDocument from 'pdfkit';

let pdfkit: Promise<typeof PDFDocument> | undefined;

/**
 * pdfkit (with fontkit and its font data) is loaded by the first document an instance renders, not
 * at boot: with bwip-js it holds about 33 MB of the process's resident memory (measured importing
 * the two alone), which an instance that never prints a label or a report need not carry.
 */
export function loadPdfKit(): Promise<typeof PDFDocument> {
  pdfkit ??= import('pdfkit').then((m) => m.default);
  return pdfkit;
}
