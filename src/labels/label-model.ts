import type { Eligibility } from '../donors/eligibility';
import {
  type Abo, type Rh, checkFlag, encodeBloodGroups, encodeCollection, encodeCompound, encodeDin, encodeExpiration, encodeProductCode,
} from '../isbt128/structures';

/** FACT-NetCord's labelling stages (DESIGN.md section 8). */
export const LABEL_STAGES = ['collection', 'processing', 'final', 'shipping'] as const;
export type LabelStage = (typeof LABEL_STAGES)[number];

/** What a label is made from: the unit's record as the service reads it. */
export interface LabelFacts {
  din: string;
  dinCheck: string;
  status: string;
  bankingType: 'public' | 'family';
  facilityId: string;
  facilityName: string;
  collectedAt: Date | null;
  anticoagulantVolumeMl: number | null;
  processedAt: Date | null;
  volumeMl: number | null;
  abo: Abo | null;
  rh: Rh | null;
  productCode: string | null;
  productCodeVersion: number | null;
  productDescription: string | null;
  /** the computed status and its reasons (what the statements rest on) */
  eligibility: Pick<Eligibility, 'status' | 'reasons'>;
  /** required markers with a positive result (for "WARNING: Reactive test results for …") */
  reactiveMarkers: string[];
  shipment: { requestNumber: string; facility: string; physician: string; status: string } | null;
}

export interface LabelStatement {
  text: string;
  rule: string;
}

export interface LabelBarcode {
  /** which data structure */
  name: 'din' | 'bloodGroups' | 'productCode' | 'expiration' | 'collection';
  /** the barcode text, data identifier included */
  data: string;
}

export interface LabelModel {
  stage: LabelStage;
  din: string;
  dinCheck: string;
  /** the DIN as printed: facility, year, sequence in groups */
  dinEyeReadable: string;
  flags: string;
  properName: 'HPC, Cord Blood';
  aboRh: string | null;
  product: string | null;
  volume: string | null;
  anticoagulant: string;
  collected: string | null;
  expires: string | null;
  facility: string;
  storage: string;
  shipTo: string | null;
  barcodes: LabelBarcode[];
  /** the compound message the DataMatrix carries (every barcode of the label, =+ first) */
  compound: string;
  statements: LabelStatement[];
  biohazard: boolean;
}

/** How long a unit is labelled good for: fresh until the acceptance window ends; frozen for the bank's validated shelf life. */
export interface ExpiryPolicy {
  freshHours: number;
  frozenYears: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** `10 MAR 2046 18:00 UTC`: the eye-readable form of a date and time (day, month name, year: no d/m order to misread). */
export function eyeDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

/** Truncates to the minute (ISBT 128 dates carry minutes). */
const minute = (d: Date) => new Date(Math.floor(d.getTime() / 60_000) * 60_000);

export function expiryOf(f: LabelFacts, policy: ExpiryPolicy): Date | null {
  if (f.processedAt) {
    const e = new Date(f.processedAt);
    e.setUTCFullYear(e.getUTCFullYear() + policy.frozenYears);
    return minute(e);
  }
  return f.collectedAt ? minute(new Date(f.collectedAt.getTime() + policy.freshHours * 3600_000)) : null;
}

/**
 * The 21 CFR 1271 statements that apply to this unit, from its current computed eligibility and its
 * banking type (never from a stored flag):
 * - eligibility not determined (incomplete): "NOT EVALUATED FOR INFECTIOUS SUBSTANCES" and
 *   "WARNING: Advise patient of communicable disease risks" (1271.60(d)(2); 1271.90(c)(2) for a
 *   family unit), and the quarantine identification of 1271.60(b);
 * - ineligible donor: the Biohazard legend with "WARNING: Advise patient of communicable disease
 *   risks" and, for each reactive result, "WARNING: Reactive test results for …" (1271.65(b)(2);
 *   1271.90(c)(3)–(4) for a family unit);
 * - family banking (stored for the family's own use): "FOR AUTOLOGOUS USE ONLY" (1271.90(c)(1)).
 */
export function statementsFor(f: Pick<LabelFacts, 'bankingType' | 'eligibility' | 'reactiveMarkers'>): { statements: LabelStatement[]; biohazard: boolean } {
  const out: LabelStatement[] = [];
  const family = f.bankingType === 'family';
  const status = f.eligibility.status;
  if (family) out.push({ text: 'FOR AUTOLOGOUS USE ONLY', rule: '21 CFR 1271.90(c)(1)' });
  if (status === 'incomplete') {
    out.push({ text: 'NOT EVALUATED FOR INFECTIOUS SUBSTANCES', rule: family ? '21 CFR 1271.90(c)(2)' : '21 CFR 1271.60(d)(2)' });
    out.push({ text: 'WARNING: Advise patient of communicable disease risks', rule: family ? '21 CFR 1271.90(c)(3)' : '21 CFR 1271.60(d)(2)' });
    out.push({ text: 'QUARANTINE: donor eligibility determination not complete', rule: '21 CFR 1271.60(b), (c)(2)' });
  }
  let biohazard = false;
  if (status === 'ineligible') {
    biohazard = true;
    out.push({ text: 'BIOHAZARD', rule: '21 CFR 1271.65(b)(2), 1271.3(h)' });
    out.push({ text: 'WARNING: Advise patient of communicable disease risks', rule: family ? '21 CFR 1271.90(c)(3)' : '21 CFR 1271.65(b)(2)' });
    if (f.reactiveMarkers.length) {
      out.push({ text: `WARNING: Reactive test results for ${f.reactiveMarkers.join(', ')}`, rule: family ? '21 CFR 1271.90(c)(4)' : '21 CFR 1271.65(b)(2)' });
    }
  }
  return { statements: out, biohazard };
}

/** What the record lacks for a label of this stage; empty when it can be printed. */
export function missingFor(stage: LabelStage, f: LabelFacts): string[] {
  const out: string[] = [];
  if (f.status === 'discarded' || f.status === 'rejected') out.push(`status: the unit is ${f.status}; it gets no new label`);
  if (!f.collectedAt) out.push('collection: no collection record (collection date and time)');
  if (stage === 'collection') return out;
  if (!f.processedAt) out.push('processing: no processing results (volume, processing date)');
  if (!f.productCode) out.push('productCode: no ISBT 128 product code assigned (POST /units/:din/processing with productCode, or PATCH /units/:din)');
  if (stage === 'processing') return out;
  if (!f.abo || !f.rh) out.push('abo: no ABO/Rh typing recorded');
  if (stage === 'final') return out;
  if (!f.shipment) out.push('shipment: no approved release request for this unit (ship-to facility)');
  return out;
}

/**
 * Builds the label of a stage from the record (call missingFor first). The collection label is the
 * partial label at birth (DIN, collection date and time, expiry of the fresh unit); processing adds
 * the product code (and ABO/Rh once typed); final needs ABO/Rh; shipping adds the consignee.
 * The DIN carries the type 3 flag (its check character, ST-001 Table 3), so a reader verifies it.
 */
export function buildLabel(stage: LabelStage, f: LabelFacts, policy: ExpiryPolicy): LabelModel {
  const barcodes: LabelBarcode[] = [{ name: 'din', data: encodeDin(f.din) }];
  const family = f.bankingType === 'family';
  if (stage !== 'collection' && f.abo && f.rh) barcodes.push({ name: 'bloodGroups', data: encodeBloodGroups(f.abo, f.rh, { autologous: family }) });
  if (stage !== 'collection' && f.productCode) barcodes.push({ name: 'productCode', data: encodeProductCode(f.productCode, family ? 'F' : 'V') });
  const expiry = expiryOf(f, policy);
  if (expiry) barcodes.push({ name: 'expiration', data: encodeExpiration(expiry) });
  if (f.collectedAt) barcodes.push({ name: 'collection', data: encodeCollection(minute(f.collectedAt)) });
  const { statements, biohazard } = statementsFor(f);
  return {
    stage,
    din: f.din,
    dinCheck: f.dinCheck,
    dinEyeReadable: `${f.din.slice(0, 5)} ${f.din.slice(5, 7)} ${f.din.slice(7)}`,
    flags: checkFlag(f.din),
    properName: 'HPC, Cord Blood',
    aboRh: f.abo && f.rh ? `${f.abo} Rh ${f.rh === 'positive' ? 'POS' : 'NEG'}` : null,
    product: stage !== 'collection' && f.productCode ? `${f.productCode}${family ? 'F' : 'V'}00 ${f.productDescription ?? ''}`.trim() : null,
    volume: stage !== 'collection' && f.volumeMl !== null ? `${f.volumeMl} mL` : null,
    anticoagulant: f.anticoagulantVolumeMl !== null ? `Anticoagulant: ${f.anticoagulantVolumeMl} mL` : 'Anticoagulant: volume not recorded',
    collected: f.collectedAt ? eyeDate(minute(f.collectedAt)) : null,
    expires: expiry ? eyeDate(expiry) : null,
    facility: `${f.facilityId} ${f.facilityName}`,
    storage: f.processedAt ? 'Store at or below -150 °C (liquid nitrogen vapour phase)' : 'Do not freeze: to the processing laboratory at the validated transport temperature',
    shipTo: stage === 'shipping' && f.shipment ? `${f.shipment.facility}, attn. ${f.shipment.physician} (${f.shipment.requestNumber})` : null,
    barcodes,
    compound: encodeCompound(barcodes.map((b) => b.data)),
    statements,
    biohazard,
  };
}
