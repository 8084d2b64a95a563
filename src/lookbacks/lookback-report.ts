import { loadPdfKit } from '../common/pdf';
import { csvLine } from '../common/csv';

export const CSV_UNIT_COLUMNS = ['din', 'foundStatus', 'action', 'currentStatus', 'requestNumber', 'facility', 'physician', 'disposition', 'dispositionNote', 'dispositionedBy', 'dispositionedAt'] as const;

interface ReportInput {
  lookback: Record<string, unknown>;
  units: Record<string, unknown>[];
}

/**
 * The look-back as CSV: a header block (number, status, trigger, reason, opened, closure), the units
 * (one row each) and the consignees with each notification. Sections are separated by a blank line.
 */
export function lookbackCsv({ lookback: l, units }: ReportInput): string {
  const opened = l.opened as { by: string; at: string | Date };
  const closure = l.closure as { by: string; at: string | Date; note: string } | null;
  let out = csvLine(['lookback', 'status', 'triggerType', 'trigger', 'reason', 'openedBy', 'openedAt', 'unitCount', 'heldCount', 'closedBy', 'closedAt', 'closureNote']);
  out += csvLine([l.number, l.status, l.triggerType, l.trigger, l.reason, opened.by, opened.at, l.unitCount, l.heldCount, closure?.by, closure?.at, closure?.note]);
  out += '\r\n';
  out += csvLine(CSV_UNIT_COLUMNS);
  for (const u of units) out += csvLine(CSV_UNIT_COLUMNS.map((c) => u[c]));
  out += '\r\n';
  out += csvLine(['consigneeFacility', 'physician', 'dins', 'requestNumbers', 'notifiedAt', 'method', 'contact', 'acknowledged', 'acknowledgedAt', 'notes', 'recordedBy']);
  for (const c of l.consignees as Record<string, unknown>[]) {
    const notes = c.notifications as Record<string, unknown>[];
    const base = [c.facility, c.physician, (c.dins as string[]).join(' '), (c.requestNumbers as string[]).join(' ')];
    if (!notes.length) out += csvLine([...base, '', '', '', '', '', 'NOT NOTIFIED', '']);
    for (const n of notes) out += csvLine([...base, n.notifiedAt, n.method, n.contact, n.acknowledged, n.acknowledgedAt, n.notes, n.recordedBy]);
  }
  return out;
}

const fmt = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : v instanceof Date ? v.toISOString() : String(v));

/** The look-back as a PDF (pdfkit): the same content as the CSV, laid out for signing and filing. */
export async function lookbackPdf({ lookback: l, units }: ReportInput, generatedAt = new Date()): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `Look-back ${String(l.number)}`, Author: 'Cord blood bank', CreationDate: generatedAt } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const opened = l.opened as { by: string; at: string | Date };
    const closure = l.closure as { by: string; at: string | Date; note: string; signature?: { meaning?: string; signerName?: string } } | null;
    doc.fontSize(16).text(`Look-back ${String(l.number)} — ${String(l.status).toUpperCase()}`);
    doc.moveDown(0.5).fontSize(9);
    doc.text(`Trigger: ${String(l.triggerType)} ${JSON.stringify(l.trigger)}`);
    doc.text(`Reason: ${fmt(l.reason)}`);
    doc.text(`Opened by ${fmt(opened.by)} at ${fmt(opened.at)}; ${fmt(l.unitCount)} unit(s) found, ${fmt(l.heldCount)} put on hold`);
    doc.text(closure ? `Closed by ${fmt(closure.by)} at ${fmt(closure.at)} (e-signature, meaning ${fmt(closure.signature?.meaning)}): ${fmt(closure.note)}` : 'Not closed');
    doc.text(`Report generated ${generatedAt.toISOString()}`);
    doc.moveDown().fontSize(12).text('Consignees');
    doc.fontSize(9);
    const consignees = l.consignees as Record<string, unknown>[];
    if (!consignees.length) doc.text('None (no unit of this look-back was distributed).');
    for (const c of consignees) {
      doc.moveDown(0.3).text(`${fmt(c.facility)} — ${fmt(c.physician)}: ${(c.dins as string[]).join(', ')} (${(c.requestNumbers as string[]).join(', ')})`);
      const notes = c.notifications as Record<string, unknown>[];
      if (!notes.length) doc.text('   NOT NOTIFIED');
      for (const n of notes) doc.text(`   ${fmt(n.notifiedAt)} by ${fmt(n.method)} to ${fmt(n.contact)}; acknowledged: ${n.acknowledged ? fmt(n.acknowledgedAt) : 'no'}; recorded by ${fmt(n.recordedBy)}${n.notes ? `; ${String(n.notes)}` : ''}`);
    }
    doc.moveDown().fontSize(12).text(`Units (${units.length})`);
    doc.fontSize(8);
    for (const u of units) {
      doc.text(
        `${fmt(u.din)}  found ${fmt(u.foundStatus)}  ${fmt(u.action)}  now ${fmt(u.currentStatus)}${u.requestNumber ? `  ${String(u.requestNumber)} ${fmt(u.facility)}` : ''}  disposition: ${fmt(u.disposition)}${u.disposition ? ` (${fmt(u.dispositionedBy)}, ${fmt(u.dispositionedAt)}: ${fmt(u.dispositionNote)})` : ''}`,
      );
    }
    doc.end();
  });
}
