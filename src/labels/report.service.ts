import { Injectable } from '@nestjs/common';
import { notFound } from '../common/domain-error';
import { loadPdfKit } from '../common/pdf';
import { RuntimeSettings } from '../config/runtime';
import { Db } from '../database/db.service';
import { DonorsService } from '../donors/donors.service';
import type { Eligibility } from '../donors/eligibility';
import { PlacementService } from '../storage/placement.service';
import { eyeDate, statementsFor } from './label-model';

interface ReportData {
  unit: Record<string, any>;
  eligibility: Pick<Eligibility, 'status' | 'reasons'>;
  tests: { marker: string; result: string; sample_drawn_at: Date; tested_at: Date | null; method: string | null; lab: string | null }[];
  screening: { version: string; completed_at: Date; deferral_reasons: string[] } | null;
  custody: { seq: number; kind: string; from_party: string | null; to_party: string; location: string | null; handed_over_at: Date; condition: string | null; temperature_ok: boolean | null }[];
  excursions: { started_at: Date; ended_at: Date | null; limit_c: string; position_label: string | null; freezer: string; review_outcome: string | null; reviewer_name: string | null; review_reason: string | null }[];
  position: string | null;
  reactive: string[];
}

const d = (v: Date | string | null | undefined) => (v ? eyeDate(new Date(v)) : '—');
const n = (v: unknown, unit = '') => (v === null || v === undefined ? '—' : `${Number(v).toExponential(2).replace('e+', ' × 10^')}${unit}`);

/**
 * The unit report that goes with a shipment (DESIGN.md 8): identity, HLA, cell counts, viability,
 * CFU, ABO/Rh, sterility; the donor's infectious disease results and the computed eligibility with
 * its reasons, as the summary of records 21 CFR 1271.55(a)(2)–(b) asks to accompany the HCT/P;
 * storage (custody events of storage and retrieval, the current position) and excursions; custody.
 * Donor personal data is not printed: the donor is named by donor number only.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly db: Db,
    private readonly donors: DonorsService,
    private readonly placement: PlacementService,
    private readonly settings: RuntimeSettings,
  ) {}

  async data(din: string): Promise<ReportData> {
    const unit = await this.db.one<Record<string, any>>(
      `SELECT u.*, d.donor_number, c.hospital, c.collected_at, c.birth_at, c.delivery_type, c.gestational_age_weeks::float8 AS gestational_age_weeks,
              c.method AS collection_method, c.bag_lot, c.anticoagulant_volume_ml::float8 AS anticoagulant_volume_ml, c.gross_volume_ml::float8 AS gross_volume_ml,
              pc.description AS product_description
         FROM cord_blood_units u JOIN donors d ON d.id = u.donor_id LEFT JOIN collections c ON c.din = u.din
         LEFT JOIN product_codes pc ON pc.version = u.product_code_version AND pc.code = u.product_code
        WHERE u.din = $1`,
      [din],
    );
    if (!unit) throw notFound('Unit', din);
    const tests = await this.db.query<ReportData['tests'][number]>(`SELECT marker, result, sample_drawn_at, tested_at, method, lab FROM idm_tests WHERE donor_id = $1 ORDER BY marker, sample_drawn_at`, [unit.donor_id]);
    const screening = await this.db.one<NonNullable<ReportData['screening']>>(`SELECT version, completed_at, deferral_reasons FROM screenings WHERE donor_id = $1 ORDER BY completed_at DESC LIMIT 1`, [unit.donor_id]);
    const custody = await this.db.query<ReportData['custody'][number]>(`SELECT seq, kind, from_party, to_party, location, handed_over_at, condition, temperature_ok FROM custody_events WHERE din = $1 ORDER BY seq`, [din]);
    const excursions = await this.db.query<ReportData['excursions'][number]>(
      `SELECT fe.started_at, fe.ended_at, fe.limit_c::text, ue.position_label, f.name AS freezer, ue.review_outcome, ue.reviewer_name, ue.review_reason
         FROM unit_excursions ue JOIN freezer_excursions fe ON fe.id = ue.excursion_id JOIN freezers f ON f.id = fe.freezer_id
        WHERE ue.din = $1 ORDER BY fe.started_at`,
      [din],
    );
    const position = (await this.placement.unitPositions(this.db, [din])).get(din);
    const eligibility = (await this.donors.eligibilityForUnits(this.db, [din])).get(din) ?? { status: 'incomplete' as const, reasons: [] };
    const reactive = [...new Set(tests.filter((t) => t.result === 'positive' && t.marker !== 'CMV').map((t) => t.marker))];
    return { unit, eligibility, tests, screening: screening ?? null, custody, excursions, position: position?.label ?? null, reactive };
  }

  async render(din: string, now = new Date()): Promise<Buffer> {
    const r = await this.data(din);
    const u = r.unit;
    const cfg = this.settings.config;
    const PDFDocument = await loadPdfKit();
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Unit report ${u.din}`, Producer: 'cord-blood-bank', CreationDate: now } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));

    const h = (t: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text(t).moveDown(0.2).font('Helvetica').fontSize(9);
    const kv = (k: string, v: string) => doc.font('Helvetica-Bold').text(`${k}: `, { continued: true }).font('Helvetica').text(v);

    doc.font('Helvetica-Bold').fontSize(15).text('HPC, Cord Blood — unit report');
    doc.font('Helvetica').fontSize(9).text(`${cfg.ISBT_FACILITY_ID} ${cfg.LAB_NAME} · generated ${d(now)}`);

    h('Identity');
    kv('DIN', `${u.din.slice(0, 5)} ${u.din.slice(5, 7)} ${u.din.slice(7)}  check character ${u.din_check}`);
    kv('Status', u.status);
    kv('Banking', u.banking_type === 'family' ? 'family (stored for autologous / family use)' : 'public (allogeneic)');
    kv('Donor', `${u.donor_number} (personal data withheld)`);
    kv('Product', u.product_code ? `${u.product_code} ${u.product_description ?? ''} (product code table v${u.product_code_version})` : 'no ISBT 128 product code assigned');
    kv('Collection', `${d(u.collected_at)} at ${u.hospital ?? '—'}; ${u.delivery_type ?? '—'} delivery, ${u.gestational_age_weeks ?? '—'} weeks, ${u.collection_method ?? '—'}; bag lot ${u.bag_lot ?? '—'}`);
    const ml = (v: unknown) => (v === null || v === undefined ? 'not recorded' : `${Number(v)} mL`);
    kv('Volumes', `gross ${ml(u.gross_volume_ml)}; anticoagulant ${ml(u.anticoagulant_volume_ml)}; final product ${ml(u.volume_ml)}`);

    h('Processing and characterisation');
    kv('Processed', `${d(u.processed_at)}${u.processing_method ? ` (${u.processing_method})` : ''}`);
    kv('TNC', n(u.tnc_count));
    kv('CD34+', n(u.cd34_count));
    kv('Viability', u.viability_pct === null ? '—' : `${Number(u.viability_pct)} %`);
    kv('CFU', n(u.cfu_count));
    kv('NRBC', n(u.nrbc_count));
    kv('ABO/Rh', u.abo ? `${u.abo} Rh ${u.rh}` : 'not typed');
    kv('Sterility', u.sterility_resulted_at ? `aerobic ${u.sterility_aerobic}, anaerobic ${u.sterility_anaerobic}${u.sterility_organism ? ` (${u.sterility_organism})` : ''}, resulted ${d(u.sterility_resulted_at)}` : 'not resulted');
    const hla = u.hla as Record<string, string[]> | null;
    kv('HLA', hla ? `${['A', 'B', 'C', 'DRB1', 'DQB1'].filter((l) => hla[l]).map((l) => `${l}*${hla[l].join(', ')}`).join('; ')} (${u.hla_resolution ?? ''}${u.hla_method ? `, ${u.hla_method}` : ''})` : 'not typed');

    h('Donor eligibility — summary of records (21 CFR 1271.55)');
    kv('Computed determination', r.eligibility.status.toUpperCase());
    if (r.eligibility.reasons.length) for (const reason of r.eligibility.reasons) doc.text(`• ${reason}`, { indent: 10 });
    kv('Screening (medical and behavioural history)', r.screening ? `${r.screening.version}, completed ${d(r.screening.completed_at)}; ${r.screening.deferral_reasons.length ? `deferrals: ${r.screening.deferral_reasons.join('; ')}` : 'no deferral'}` : 'not recorded');
    doc.moveDown(0.2).font('Helvetica-Bold').text('Infectious disease tests (maternal sample)');
    doc.font('Helvetica');
    if (!r.tests.length) doc.text('none recorded');
    for (const t of r.tests) doc.text(`${t.marker}: ${t.result} — sample drawn ${d(t.sample_drawn_at)}${t.tested_at ? `, tested ${d(t.tested_at)}` : ''}${t.lab ? `, ${t.lab}` : ''}${t.method ? ` (${t.method})` : ''}`, { indent: 10 });
    const { statements } = statementsFor({ bankingType: u.banking_type, eligibility: r.eligibility, reactiveMarkers: r.reactive });
    if (statements.length) {
      doc.moveDown(0.2).font('Helvetica-Bold').text('Statements that accompany this unit');
      for (const s of statements) doc.font('Helvetica-Bold').text(s.text, { indent: 10, continued: true }).font('Helvetica').text(`  (${s.rule})`);
    }

    h('Storage and excursions');
    kv('Current position', r.position ?? 'not in storage');
    const storage = r.custody.filter((c) => c.kind === 'storage' || c.kind === 'retrieval');
    if (!storage.length) doc.text('no storage events');
    for (const s of storage) doc.text(`${d(s.handed_over_at)} ${s.kind}: ${s.from_party ?? '—'} to ${s.to_party}${s.location ? ` at ${s.location}` : ''}`, { indent: 10 });
    if (!r.excursions.length) doc.text('no temperature excursion recorded for this unit');
    for (const e of r.excursions) {
      doc.text(`Excursion in ${e.freezer}${e.position_label ? ` (${e.position_label})` : ''}: ${d(e.started_at)} to ${e.ended_at ? d(e.ended_at) : 'still open'}, limit ${e.limit_c} °C; review: ${e.review_outcome ? `${e.review_outcome} by ${e.reviewer_name ?? '—'} (${e.review_reason ?? ''})` : 'not reviewed'}`, { indent: 10 });
    }

    h('Chain of custody');
    for (const c of r.custody) {
      doc.text(`${c.seq}. ${d(c.handed_over_at)} ${c.kind}: ${c.from_party ?? '—'} to ${c.to_party}${c.location ? `, ${c.location}` : ''}${c.condition ? `, ${c.condition}` : ''}${c.temperature_ok === false ? ' — TEMPERATURE NOT OK' : ''}`, { indent: 10 });
    }
    doc.end();
    await ended;
    return Buffer.concat(chunks);
  }
}
