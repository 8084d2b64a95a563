import type bwipjs from 'bwip-js/node';
import { loadBarcodes, loadPdfKit } from '../common/pdf';
import type { LabelModel } from './label-model';

/** Points per barcode module: 0.75 pt = 0.26 mm, ISBT 128's nominal X dimension of 0.25 mm rounded up. */
const MODULE_PT = 0.75;
/** DataMatrix modules: 1.1 pt = 0.39 mm. */
const DM_MODULE_PT = 1.1;
/** The label: 4 × 6 inches (a common thermal label; ISBT 128's 100 × 100 mm base label plus room for the statements). */
export const LABEL_WIDTH_PT = 288;
export const LABEL_HEIGHT_PT = 432;
/** Code 128 bar height: 10 mm (ISBT 128's nominal height). */
const BAR_HEIGHT_PT = 28.35;

interface Symbol1D {
  /** bar and space widths in modules, starting with a bar */
  sbs: number[];
  widthPt: number;
  heightPt: number;
}

type Bwip = typeof bwipjs;

/** The bars of a Code 128 symbol (bwip-js encodes; we draw them as vectors: exact edges at any resolution). */
function code128(bwipjs: Bwip, text: string): Symbol1D {
  const [r] = bwipjs.raw({ bcid: 'code128', text }) as { sbs: number[] }[];
  return { sbs: r.sbs, widthPt: r.sbs.reduce((a, b) => a + b, 0) * MODULE_PT, heightPt: BAR_HEIGHT_PT };
}

function drawBars(doc: PDFKit.PDFDocument, s: Symbol1D, x: number, y: number): void {
  let cx = x;
  s.sbs.forEach((w, i) => {
    if (i % 2 === 0) doc.rect(cx, y, w * MODULE_PT, s.heightPt);
    cx += w * MODULE_PT;
  });
  doc.fill('black');
}

interface Symbol2D {
  pixs: number[];
  pixx: number;
  pixy: number;
  widthPt: number;
  heightPt: number;
}

function dataMatrix(bwipjs: Bwip, text: string): Symbol2D {
  const [r] = bwipjs.raw({ bcid: 'datamatrix', text }) as unknown as { pixs: number[]; pixx: number; pixy: number }[];
  return { ...r, widthPt: r.pixx * DM_MODULE_PT, heightPt: r.pixy * DM_MODULE_PT };
}

function drawMatrix(doc: PDFKit.PDFDocument, s: Symbol2D, x: number, y: number): void {
  for (let row = 0; row < s.pixy; row++) {
    for (let col = 0; col < s.pixx; col++) {
      if (s.pixs[row * s.pixx + col]) doc.rect(x + col * DM_MODULE_PT, y + row * DM_MODULE_PT, DM_MODULE_PT, DM_MODULE_PT);
    }
  }
  doc.fill('black');
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

const STAGE_TITLE: Record<LabelModel['stage'], string> = {
  collection: 'COLLECTION LABEL (PARTIAL)',
  processing: 'PROCESSING LABEL',
  final: 'FINAL LABEL',
  shipping: 'SHIPPING LABEL',
};

/**
 * The label as PDF: the four ISBT 128 quadrants (DIN upper left, ABO/Rh upper right, product lower
 * left, expiration and collection lower right), each with its Code 128 barcode and eye-readable text,
 * then the proper name, volume, anticoagulant, storage temperature, the 21 CFR 1271 statements, and
 * a DataMatrix of the compound message. The eye-readable DIN shows its flags turned 90° and its
 * check character boxed (ST-001 section 7.5).
 */
export async function renderLabelPdf(m: LabelModel, printedAt: Date): Promise<Buffer> {
  const [PDFDocument, bwipjs] = await Promise.all([loadPdfKit(), loadBarcodes()]);
  const doc = new PDFDocument({ size: [LABEL_WIDTH_PT, LABEL_HEIGHT_PT], margin: 0, info: { Title: `${m.din} ${STAGE_TITLE[m.stage]}`, Producer: 'cord-blood-bank', CreationDate: printedAt } });
  const done = collect(doc);
  const bar = Object.fromEntries(m.barcodes.map((b) => [b.name, code128(bwipjs, b.data)] as const));
  const dm = dataMatrix(bwipjs, m.compound);
  const L = 10;
  const R = 150;
  const colW = 128;

  doc.font('Helvetica').fontSize(6.5).fillColor('black').text(m.facility, L, 8, { width: 170, lineBreak: false, ellipsis: true });
  doc.font('Helvetica-Bold').fontSize(7.5).text(STAGE_TITLE[m.stage], 150, 8, { width: 128, align: 'right' });
  doc.moveTo(L, 20).lineTo(LABEL_WIDTH_PT - L, 20).lineWidth(0.5).stroke();

  // upper left: DIN
  let y = 26;
  drawBars(doc, bar.din, L, y);
  y += bar.din.heightPt + 4;
  doc.font('Helvetica-Bold').fontSize(12);
  doc.text(m.dinEyeReadable, L, y, { lineBreak: false });
  const dinW = doc.widthOfString(m.dinEyeReadable);
  // flags, turned 90° clockwise, then the boxed check character
  doc.save();
  doc.font('Helvetica').fontSize(6);
  doc.rotate(90, { origin: [L + dinW + 3, y] });
  doc.text(m.flags, L + dinW + 3, y - 6, { lineBreak: false });
  doc.restore();
  const boxX = L + dinW + 11;
  doc.rect(boxX, y - 1.5, 12, 14).lineWidth(0.8).stroke();
  doc.font('Helvetica-Bold').fontSize(10).text(m.dinCheck, boxX, y + 1, { width: 12, align: 'center', lineBreak: false });

  // upper right: ABO/Rh
  if (bar.bloodGroups) drawBars(doc, bar.bloodGroups, R, 26);
  doc.font('Helvetica-Bold').fontSize(m.aboRh ? 16 : 8).text(m.aboRh ?? 'ABO/Rh not yet typed', R, 26 + (bar.bloodGroups ? bar.bloodGroups.heightPt + 3 : 8), { width: colW });

  doc.moveTo(L, 92).lineTo(LABEL_WIDTH_PT - L, 92).lineWidth(0.3).stroke();

  // lower left: product
  y = 98;
  if (bar.productCode) {
    drawBars(doc, bar.productCode, L, y);
    y += bar.productCode.heightPt + 3;
  }
  doc.font('Helvetica-Bold').fontSize(11).text(m.properName, L, y, { width: colW });
  y = doc.y + 1;
  doc.font('Helvetica').fontSize(6.5).text(m.product ?? 'Product code assigned at processing', L, y, { width: colW });

  // lower right: expiration and collection
  y = 98;
  if (bar.expiration) {
    drawBars(doc, bar.expiration, R, y);
    y += bar.expiration.heightPt + 2;
  }
  doc.font('Helvetica-Bold').fontSize(7.5).text(`EXP ${m.expires ?? 'not set'}`, R, y, { width: colW });
  y = doc.y + 5;
  if (bar.collection) {
    drawBars(doc, bar.collection, R, y);
    y += bar.collection.heightPt + 2;
  }
  doc.font('Helvetica').fontSize(7).text(`COLL ${m.collected ?? 'not recorded'}`, R, y, { width: colW });

  y = Math.max(doc.y, 200) + 6;
  doc.moveTo(L, y).lineTo(LABEL_WIDTH_PT - L, y).lineWidth(0.3).stroke();
  y += 5;
  doc.font('Helvetica').fontSize(7.5);
  for (const line of [m.volume ? `Volume: ${m.volume}` : 'Volume: determined at processing', m.anticoagulant, m.storage]) {
    doc.text(line, L, y, { width: LABEL_WIDTH_PT - 2 * L });
    y = doc.y + 1;
  }

  // the 21 CFR 1271 statements
  y += 4;
  for (const s of m.statements) {
    if (s.text === 'BIOHAZARD') {
      doc.rect(L, y, 90, 16).fillAndStroke('#c00000', '#c00000');
      doc.fillColor('white').font('Helvetica-Bold').fontSize(11).text('BIOHAZARD', L, y + 3, { width: 90, align: 'center' });
      doc.fillColor('black');
      y += 20;
      continue;
    }
    doc.font('Helvetica-Bold').fontSize(8).text(s.text, L, y, { width: 180 });
    y = doc.y + 2;
  }

  if (m.shipTo) {
    y += 4;
    doc.font('Helvetica-Bold').fontSize(7.5).text('SHIP TO:', L, y);
    doc.font('Helvetica').fontSize(7.5).text(m.shipTo, L, doc.y, { width: 180 });
  }

  // the DataMatrix of the compound message, lower right
  const dmX = LABEL_WIDTH_PT - L - dm.widthPt;
  const dmY = LABEL_HEIGHT_PT - 22 - dm.heightPt;
  drawMatrix(doc, dm, dmX, dmY);
  doc.font('Helvetica').fontSize(5).text(`printed ${printedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, L, LABEL_HEIGHT_PT - 14, { width: 200 });
  doc.end();
  return done;
}

/** ZPL text fields must not carry the format (^) or control (~) prefixes. */
const zplText = (s: string) => s.replace(/[\^~\\]/g, ' ');

/**
 * In ZPL's Code 128 (^BC), `>` starts an invocation code; a `>` in the data is written `><`. `>:`
 * starts the symbol in code subset B, as ISBT 128 requires.
 */
export function zplCode128Data(data: string): string {
  return `>:${data.replace(/>/g, '><')}`;
}

/**
 * The label as ZPL II for a 203 dpi thermal printer (4 × 6 in: 812 × 1218 dots), with the same
 * content as the PDF: each structure as a Code 128 barcode (^BC), the compound message as a
 * DataMatrix (^BX, ECC 200), the eye-readable text and the statements.
 */
export function renderLabelZpl(m: LabelModel, printedAt: Date): string {
  const out: string[] = ['^XA', '^CI28', '^PW812', '^LL1218', '^LH0,0'];
  const text = (x: number, y: number, h: number, s: string, w = 780) => out.push(`^FO${x},${y}^A0N,${h},${h}^FB${w},3,0,L^FD${zplText(s)}^FS`);
  text(30, 20, 22, m.facility, 480);
  text(520, 20, 24, m.stage.toUpperCase() + ' LABEL', 270);
  out.push('^FO30,55^GB752,2,2^FS');
  const pos: Record<string, [number, number]> = { din: [30, 75], bloodGroups: [430, 75], productCode: [30, 330], expiration: [430, 330], collection: [430, 480] };
  for (const b of m.barcodes) {
    const [x, y] = pos[b.name];
    out.push(`^FO${x},${y}^BY2,3,80^BCN,80,N,N,N^FD${zplCode128Data(b.data)}^FS`);
  }
  text(30, 170, 40, m.dinEyeReadable, 330);
  out.push(`^FO370,170^A0R,20,20^FD${m.flags}^FS`);
  out.push('^FO400,165^GB40,50,3^FS');
  out.push(`^FO410,172^A0N,40,40^FD${m.dinCheck}^FS`);
  text(430, 170, 50, m.aboRh ?? 'ABO/Rh not yet typed', 360);
  out.push('^FO30,300^GB752,1,1^FS');
  text(30, 420, 34, m.properName, 380);
  text(30, 460, 20, m.product ?? 'Product code assigned at processing', 380);
  text(430, 420, 24, `EXP ${m.expires ?? 'not set'}`, 360);
  text(430, 570, 22, `COLL ${m.collected ?? 'not recorded'}`, 360);
  let y = 640;
  for (const line of [m.volume ? `Volume: ${m.volume}` : 'Volume: determined at processing', m.anticoagulant, m.storage.replace('°', '')]) {
    text(30, y, 24, line);
    y += 32;
  }
  y += 10;
  for (const s of m.statements) {
    if (s.text === 'BIOHAZARD') {
      out.push(`^FO30,${y}^GB260,50,50^FS^FO40,${y + 8}^A0N,36,36^FR^FDBIOHAZARD^FS`);
      y += 62;
      continue;
    }
    text(30, y, 26, s.text, 520);
    y += 60;
  }
  if (m.shipTo) text(30, y + 10, 24, `SHIP TO: ${m.shipTo}`, 520);
  out.push(`^FO590,960^BXN,8,200^FD${m.compound}^FS`);
  text(30, 1180, 18, `printed ${printedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, 500);
  out.push('^XZ');
  return `${out.join('\n')}\n`;
}
