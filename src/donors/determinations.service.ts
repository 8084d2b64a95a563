import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { Actor } from '../common/actor';
import { DomainError, notFound } from '../common/domain-error';
import { Db, Tx } from '../database/db.service';
import { UnitsService } from '../units/units.service';
import { DonorsService } from './donors.service';
import type { EligibilityDeterminationDto } from './dto/determination.dto';

interface DeterminationRow {
  id: string;
  din: string;
  status: 'eligible' | 'ineligible';
  reason: string | null;
  computed: Record<string, unknown>;
  records: Record<string, unknown>;
  determined_by: string;
  determined_by_name: string;
  signature: Record<string, unknown>;
  determined_at: Date;
  voided_at: Date | null;
  void_reason: string | null;
}

/** Units past any determination: nothing is determined for them any more. */
const CLOSED = ['discarded', 'rejected'];

/**
 * The records a determination rests on, frozen at that moment (21 CFR 1271.55(d)(1)): every
 * screening and IDM test of the donor, each with the audit entry (chain, seq, hash) that last wrote
 * it, so the determination points into the tamper-evident trail (Part 11.10(e)).
 */
const RECORDS_SQL = `
  WITH src AS (
    SELECT DISTINCT ON (e.after ->> 'id') e.after ->> 'id' AS record_id, jsonb_build_object('chain', e.chain, 'seq', e.seq, 'hash', e.hash) AS audit
      FROM audit_entries e
     WHERE e.chain = 'donor:' || $1::uuid AND e.after ? 'id'
     ORDER BY e.after ->> 'id', e.seq DESC
  )
  SELECT jsonb_build_object(
    'screenings', coalesce((
      SELECT jsonb_agg(jsonb_build_object('id', s.id, 'version', s.version, 'completedAt', s.completed_at, 'deferralReasons', to_jsonb(s.deferral_reasons),
                                          'correctedAt', s.corrected_at, 'correctionReason', s.correction_reason,
                                          'audit', (SELECT audit FROM src WHERE record_id = s.id::text)) ORDER BY s.completed_at, s.id)
        FROM screenings s WHERE s.donor_id = $1::uuid), '[]'::jsonb),
    'idmTests', coalesce((
      SELECT jsonb_agg(jsonb_build_object('id', t.id, 'marker', t.marker, 'result', t.result, 'sampleDrawnAt', t.sample_drawn_at, 'testedAt', t.tested_at,
                                          'testKit', t.test_kit, 'method', t.method, 'lab', t.lab, 'labCliaNumber', t.lab_clia_number,
                                          'transfusedBeforeSample', t.transfused_before_sample, 'dilutionAcceptable', t.dilution_acceptable,
                                          'performedBy', t.performed_by, 'source', t.source, 'legacy', t.legacy,
                                          'audit', (SELECT audit FROM src WHERE record_id = t.id::text)) ORDER BY t.marker, t.sample_drawn_at, t.id)
        FROM idm_tests t WHERE t.donor_id = $1::uuid), '[]'::jsonb)) AS records`;

/**
 * The donor-eligibility determination of a unit: a recorded, e-signed act of the responsible person
 * (the medical director), not only a computation (21 CFR 1271.50(a): "determine and document";
 * 1271.55(d)(1)(iii): the name of the person and the date). It must agree with the status computed
 * from the records (computeEligibility, the evidence); it is voided by a later reactive result or
 * deferral (DonorsService.voidAndHold). Audited on the unit's chain with the signature.
 */
@Injectable()
export class DeterminationsService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly donors: DonorsService,
    private readonly auth: AuthService,
  ) {}

  async determine(actor: Actor, din: string, dto: EligibilityDeterminationDto): Promise<Record<string, unknown>> {
    if (dto.signature?.meaning !== 'determination') {
      throw new DomainError('VALIDATION_FAILED', "signature.meaning: an eligibility determination is signed with the meaning 'determination'", {
        errors: [{ field: 'signature.meaning', message: "must be 'determination'" }],
      });
    }
    await this.db.tx(actor, async (tx) => {
      const unit = await this.units.lock(tx, din);
      if (CLOSED.includes(unit.status)) throw new DomainError('CONFLICT', `Unit ${din} is ${unit.status}: no eligibility determination is made for it`, { unitStatus: unit.status });
      const inForce = await tx.one<DeterminationRow>(`SELECT * FROM eligibility_determinations WHERE din = $1 AND voided_at IS NULL`, [din]);
      if (inForce) {
        throw new DomainError(
          'CONFLICT',
          `Unit ${din} already has a determination in force (${inForce.status}, ${inForce.determined_at.toISOString()}, ${inForce.determined_by_name}); it is voided only by a later reactive result or deferral`,
          { determinationId: inForce.id },
        );
      }
      const facts = (await this.donors.unitDonorFacts(tx, [din])).get(din)!;
      const e = facts.eligibility;
      if (e.status === 'incomplete') {
        throw new DomainError('ELIGIBILITY_INCOMPLETE', `Unit ${din}: donor eligibility is incomplete and can not be determined yet: ${e.reasons.join('; ')}`, { computed: e });
      }
      if (dto.status !== e.status) {
        throw new DomainError('DETERMINATION_MISMATCH', `Unit ${din}: the records show the donor ${e.status}${e.reasons.length ? ` (${e.reasons.join('; ')})` : ''}; a determination of ${dto.status} does not match them`, {
          computed: e,
        });
      }
      if (e.cmvReactive && !dto.reason?.trim()) {
        throw new DomainError('VALIDATION_FAILED', "reason: CMV is reactive — name the bank's documented procedure under which the unit may be released (21 CFR 1271.85(b)(2))", {
          errors: [{ field: 'reason', message: "is required when CMV is reactive: the bank's documented procedure for release" }],
        });
      }
      const signature = await this.auth.sign(actor, dto.signature, 'determination');
      const records = (await tx.one<{ records: Record<string, unknown> }>(RECORDS_SQL, [unit.donor_id]))!.records;
      await tx.audit({ action: 'eligibility.determined', reason: dto.reason ?? `donor ${dto.status}`, signature });
      await tx.query(
        `INSERT INTO eligibility_determinations (din, status, reason, computed, records, determined_by, determined_by_name, signature)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [din, dto.status, dto.reason ?? null, JSON.stringify(e), JSON.stringify(records), signature.signerId, signature.signerName, JSON.stringify(signature)],
      );
    });
    return this.get(din);
  }

  /** The determination in force (or null), every earlier one (voided, with why), and the status computed now. */
  async get(din: string, db: Db | Tx = this.db): Promise<Record<string, unknown>> {
    const unit = await db.one<{ din: string }>(`SELECT din FROM cord_blood_units WHERE din = $1`, [din]);
    if (!unit) throw notFound('Unit', din);
    const rows = await db.query<DeterminationRow>(`SELECT * FROM eligibility_determinations WHERE din = $1 ORDER BY determined_at DESC, id`, [din]);
    const facts = (await this.donors.unitDonorFacts(db, [din])).get(din)!;
    const current = rows.find((r) => !r.voided_at);
    return {
      din,
      determination: current ? view(current) : null,
      history: rows.filter((r) => r.voided_at).map(view),
      computedNow: facts.eligibility,
    };
  }
}

function view(r: DeterminationRow): Record<string, unknown> {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    determinedAt: r.determined_at.toISOString(),
    determinedBy: { id: r.determined_by, name: r.determined_by_name },
    signature: r.signature,
    restedOn: { computed: r.computed, ...r.records },
    voided: r.voided_at ? { at: r.voided_at.toISOString(), reason: r.void_reason } : null,
  };
}
