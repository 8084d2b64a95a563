import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { Db, Tx } from '../database/db.service';
import { IsbtReadError, readScan, type DecodedStructure } from '../isbt128/structures';
import { UnitsService } from '../units/units.service';
import { type LabelModel, type LabelStage, buildLabel, missingFor } from './label-model';
import { renderLabelPdf, renderLabelZpl } from './render-label';
import { UnitFactsService } from './unit-facts.service';

export type LabelFormat = 'pdf' | 'zpl';

export interface Mismatch {
  structure: string;
  expected: string | null;
  scanned: string | null;
  message: string;
}

@Injectable()
export class LabelsService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly facts: UnitFactsService,
  ) {}

  /** The label of a stage as the record supports it now; 409 LABEL_NOT_SUPPORTED naming what is missing. */
  async model(db: Db | Tx, din: string, stage: LabelStage): Promise<LabelModel> {
    const f = await this.facts.facts(db, din);
    const missing = missingFor(stage, f);
    if (missing.length) {
      throw new DomainError('LABEL_NOT_SUPPORTED', `A ${stage} label of ${din} can not be printed yet: ${missing.join('; ')}`, { missing });
    }
    return buildLabel(stage, f, this.facts.expiryPolicy);
  }

  /**
   * Prints a label: renders it from the record under the unit's lock and records the print
   * (stage, format, print number, content SHA-256, the barcodes and statements printed) on the
   * unit's audit chain in the same transaction. The first print of a stage needs no reason; every
   * later one (a reprint, in either format) does (the database refuses it without).
   */
  async print(actor: Actor, din: string, stage: LabelStage, format: LabelFormat, reason: string | undefined): Promise<{ body: Buffer; printNumber: number }> {
    return this.db.tx(actor, async (tx) => {
      await this.units.lock(tx, din);
      const model = await this.model(tx, din, stage);
      const prior = await tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM unit_label_prints WHERE din = $1 AND stage = $2`, [din, stage]);
      const printNumber = (prior?.n ?? 0) + 1;
      const why = reason?.trim() || null;
      if (printNumber > 1 && (!why || why.length < 3)) {
        throw new DomainError('VALIDATION_FAILED', `reason: the ${stage} label of ${din} was printed before (${printNumber - 1} time(s)); a reprint needs a reason (?reason=…)`, {
          errors: [{ field: 'reason', message: 'required for a reprint (at least 3 characters)' }],
        });
      }
      const printedAt = new Date();
      const body = format === 'pdf' ? await renderLabelPdf(model, printedAt) : Buffer.from(renderLabelZpl(model, printedAt), 'utf8');
      await tx.audit({ action: printNumber > 1 ? 'unit.label.reprinted' : 'unit.label.printed', reason: why });
      await tx.query(
        `INSERT INTO unit_label_prints (din, stage, format, print_number, reason, content_sha256, structures, statements) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [din, stage, format, printNumber, why, createHash('sha256').update(body).digest('hex'), JSON.stringify(model.barcodes), model.statements.map((s) => s.text)],
      );
      return { body, printNumber };
    });
  }

  /**
   * Scan-back verification: what was scanned off the applied label (each scan one structure or a
   * compound message) against the label the record makes now. Every DIN, product code and ABO/Rh
   * scanned must be the record's, and the label's DIN, product code and ABO/Rh must each have been
   * scanned. A match and a mismatch are both recorded on the unit's chain; a mismatch then answers
   * 409 LABEL_MISMATCH with what differed (for QA).
   */
  async verify(actor: Actor, din: string, stage: LabelStage, scans: string[]): Promise<{ result: 'match'; stage: LabelStage; structures: number }> {
    const read: DecodedStructure[] = [];
    const errors: { field: string; message: string }[] = [];
    scans.forEach((s, i) => {
      try {
        read.push(...readScan(s).filter((x) => x.kind !== 'compound'));
      } catch (e) {
        if (!(e instanceof IsbtReadError)) throw e;
        errors.push({ field: `scans[${i}]`, message: e.message });
      }
    });
    if (errors.length) throw new DomainError('UNREADABLE_SCAN', `Not every scan could be read: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { errors });

    const outcome = await this.db.tx(actor, async (tx) => {
      await this.units.lock(tx, din);
      const model = await this.model(tx, din, stage);
      const mismatches = compareScans(model, read);
      const result = mismatches.length ? 'mismatch' : 'match';
      await tx.audit({ action: result === 'match' ? 'unit.label.verified' : 'unit.label.mismatch', reason: mismatches.map((m) => m.message).join('; ') || null });
      await tx.query(`INSERT INTO unit_label_verifications (din, stage, result, scans, mismatches) VALUES ($1, $2, $3, $4, $5)`, [
        din, stage, result, JSON.stringify(scans), JSON.stringify(mismatches),
      ]);
      return { result, mismatches };
    });
    if (outcome.result === 'mismatch') {
      throw new DomainError('LABEL_MISMATCH', `The scanned ${stage} label does not match unit ${din}: ${outcome.mismatches.map((m) => m.message).join('; ')}`, { mismatches: outcome.mismatches });
    }
    return { result: 'match', stage, structures: read.length };
  }
}

/** What differs between the scanned structures and the label of the record (empty: they match). */
export function compareScans(model: LabelModel, read: DecodedStructure[]): Mismatch[] {
  const out: Mismatch[] = [];
  const expected = new Map(model.barcodes.map((b) => [b.name, b.data]));
  const checked: { name: 'din' | 'productCode' | 'bloodGroups'; label: string; key: (s: DecodedStructure) => string }[] = [
    { name: 'din', label: 'DIN', key: (s) => String(s.fields.din) },
    { name: 'productCode', label: 'product code', key: (s) => `${s.fields.productDescriptionCode}${s.fields.collectionType}${s.fields.division}` },
    { name: 'bloodGroups', label: 'ABO/Rh', key: (s) => `${s.fields.abo ?? '-'} ${s.fields.rh ?? '-'}` },
  ];
  const kindOf = { din: 'din', productCode: 'productCode', bloodGroups: 'bloodGroups' } as const;
  for (const c of checked) {
    const want = expected.get(c.name);
    const wantKey = want ? c.key(readScan(want)[0]) : null;
    const got = read.filter((s) => s.kind === kindOf[c.name]);
    for (const s of got) {
      const k = c.key(s);
      if (wantKey === null) out.push({ structure: c.name, expected: null, scanned: s.text, message: `${c.label} ${k} scanned, but the ${model.stage} label of ${model.din} carries none` });
      else if (k !== wantKey) out.push({ structure: c.name, expected: want!, scanned: s.text, message: `${c.label} scanned is ${k}, the record says ${wantKey}` });
    }
    if (want && !got.length) out.push({ structure: c.name, expected: want, scanned: null, message: `${c.label} was not scanned` });
  }
  const din = read.find((s) => s.kind === 'din');
  if (din && din.fields.flagType === 'check' && din.fields.flagCheckValid === false) {
    out.push({ structure: 'din', expected: expected.get('din') ?? null, scanned: din.text, message: 'the DIN\'s check flag does not match its DIN' });
  }
  return out;
}
