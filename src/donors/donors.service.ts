import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { type Actor, seesPersonalData } from '../common/actor';
import { DomainError, fieldError, notFound } from '../common/domain-error';
import { notInFuture } from '../common/input-guard';
import { isUuid } from '../common/pipes';
import { Db, Tx } from '../database/db.service';
import { UnitExtensions, viewPart } from '../units/unit-extensions';
import { UnitsService } from '../units/units.service';
import { Eligibility, IdmResult, computeEligibility } from './eligibility';
import { UNIT_DONOR_FACTS_ONE_SQL, UNIT_DONOR_FACTS_SQL, unitDonorPartSql } from './donors.sql';
import { labelStatements } from './label-statements';
import { CorrectScreeningDto, CreateConsentDto, CreateDonorDto, CreateIdmTestDto, CreateScreeningDto, DonorQuery, UpdateDonorDto } from './dto/donor.dto';

interface DonorRow {
  id: string;
  donor_number: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  email: string | null;
  phone: string | null;
  banking_type: 'public' | 'family';
  ethnicity: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface IdmInput {
  marker: string;
  result: IdmResult;
  sampleDrawnAt: string | Date;
  testedAt?: string | Date | null;
  testKit: string;
  method: string;
  lab: string;
  labCliaNumber: string;
  transfusedBeforeSample: boolean;
  dilutionAcceptable?: boolean | null;
}

/** The columns of an IDM test record as the API shows it (donor file, unit view, determination records). */
export const IDM_TEST_COLUMNS = `id, marker, result, sample_drawn_at AS "sampleDrawnAt", tested_at AS "testedAt", test_kit AS "testKit", method, lab,
  lab_clia_number AS "labCliaNumber", transfused_before_sample AS "transfusedBeforeSample", dilution_acceptable AS "dilutionAcceptable",
  performed_by AS "performedBy", entered_by AS "enteredBy", source, legacy`;

const SCREENING_COLUMNS = `id, version, completed_at AS "completedAt", deferral_reasons AS "deferralReasons",
  corrected_at AS "correctedAt", corrected_by AS "correctedBy", correction_reason AS "correctionReason"`;

const DONOR_COLUMNS = `id, donor_number, first_name, last_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, email, phone, banking_type, ethnicity, created_at, updated_at`;

/** The consent a unit's release needs: public units a public donation consent, family units a family storage consent. */
const REQUIRED_CONSENT = { public: 'public_donation', family: 'family_storage' } as const;

/** The determination in force on a unit (21 CFR 1271.50(a)), as the release gate and the label statements read it. */
export interface DeterminationInForce {
  id: string;
  status: 'eligible' | 'ineligible';
  determinedAt: string;
  determinedBy: string;
}

export interface UnitDonorFacts {
  din: string;
  bankingType: 'public' | 'family';
  activeConsents: number;
  withdrawnConsents: number;
  eligibility: Eligibility;
  determination: DeterminationInForce | null;
  intendedUse: string | null;
}

const toIdmInput = (x: { marker: string; result: IdmResult; sampleDrawnAt: string | Date; transfusedBeforeSample?: boolean | null; dilutionAcceptable?: boolean | null }) => ({
  marker: x.marker,
  result: x.result,
  sampleDrawnAt: new Date(x.sampleDrawnAt),
  transfusedBeforeSample: x.transfusedBeforeSample ?? null,
  dilutionAcceptable: x.dilutionAcceptable ?? null,
});

/**
 * Donors (the birth mothers), their consents, screenings and infectious disease tests, and donor
 * eligibility under 21 CFR 1271. Personal data (names, birth date, contact, ethnicity) is returned
 * only to the roles DESIGN.md section 6 names.
 */
@Injectable()
export class DonorsService implements OnModuleInit {
  private readonly logger = new Logger('Donors');

  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly extensions: UnitExtensions,
  ) {}

  onModuleInit(): void {
    this.extensions.register({
      name: 'donors',
      releaseBlockers: (tx, dins) => this.releaseBlockers(tx, dins),
      view: viewPart<UnitDonorPart>({
        sql: unitDonorPartSql(IDM_TEST_COLUMNS),
        fields: (v, u) => (v ? unitDonorView(viewFacts(u, v), v.idm_tests) : {}),
        blockers: (v, u) => (v ? donorReleaseBlockers(viewFacts(u, v)) : []),
      }),
    });
  }

  private view(row: DonorRow, actor: Actor | undefined): Record<string, unknown> {
    const base = { id: row.id, donorNumber: row.donor_number, bankingType: row.banking_type, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
    if (!seesPersonalData(actor)) return base;
    return { ...base, firstName: row.first_name, lastName: row.last_name, dateOfBirth: row.date_of_birth, email: row.email, phone: row.phone, ethnicity: row.ethnicity };
  }

  async create(actor: Actor, dto: CreateDonorDto): Promise<Record<string, unknown>> {
    const row = await this.db.tx(actor, async (tx) => {
      await tx.audit({ action: 'donor.created' });
      return tx.one<DonorRow>(
        `INSERT INTO donors (first_name, last_name, date_of_birth, email, phone, banking_type, ethnicity)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${DONOR_COLUMNS}`,
        [dto.firstName, dto.lastName, dto.dateOfBirth, dto.email ?? null, dto.phone ?? null, dto.bankingType, dto.ethnicity ?? null],
      );
    });
    await this.extensions.created({ donorNumber: row!.donor_number }, (err) => this.logger.error({ err: String(err) }, 'afterCreated hook failed'));
    return this.view(row!, actor);
  }

  /** Search by donor number (any staff role) or by the start of a name (roles that see personal data only; 403 for the others). */
  async list(actor: Actor, q: DonorQuery): Promise<{ items: Record<string, unknown>[]; page: number; pageSize: number; total: number }> {
    const params: unknown[] = [];
    let where = 'TRUE';
    const term = q.search?.trim();
    if (term) {
      params.push(term.toUpperCase());
      const byNumber = `donor_number = $1 OR donor_number LIKE $1 || '%'`;
      if (seesPersonalData(actor)) {
        const words = term.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 3);
        const nameConds = words.map((w) => {
          params.push(w.replace(/[\\%_]/g, (c) => `\\${c}`));
          return `(lower(first_name) LIKE $${params.length} || '%' OR lower(last_name) LIKE $${params.length} || '%')`;
        });
        where = `(${byNumber}) OR (${nameConds.join(' AND ')})`;
      } else if (/^D[0-9]{0,7}$/i.test(term)) {
        where = byNumber;
      } else {
        // a name search by a role that may not see names would answer "nothing found" for a donor
        // who exists: refuse it instead (DESIGN.md section 6)
        throw new DomainError('FORBIDDEN', 'Searching donors by name needs a role that may see donor names (admin, coordinator, medical director); search by donor number (e.g. D0000001)');
      }
    }
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM donors WHERE ${where}`, params);
    const rows = await this.db.query<DonorRow>(
      `SELECT ${DONOR_COLUMNS} FROM donors WHERE ${where} ORDER BY donor_number LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map((r) => this.view(r, actor)), page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
  }

  private async findRow(db: Db | Tx, idOrNumber: string, lock = false): Promise<DonorRow> {
    const row = isUuid(idOrNumber)
      ? await db.one<DonorRow>(`SELECT ${DONOR_COLUMNS} FROM donors WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [idOrNumber])
      : await db.one<DonorRow>(`SELECT ${DONOR_COLUMNS} FROM donors WHERE donor_number = $1 ${lock ? 'FOR UPDATE' : ''}`, [idOrNumber.toUpperCase()]);
    if (!row) throw notFound('Donor', idOrNumber);
    return row;
  }

  /** The donor's id and banking type, for the collection that creates a unit of theirs; undefined when unknown. */
  async bankingOf(db: Db | Tx, donorId: string): Promise<{ id: string; banking_type: string } | undefined> {
    return db.one<{ id: string; banking_type: string }>(`SELECT id, banking_type FROM donors WHERE id = $1`, [donorId]);
  }

  /** Whether the donor's research consent is active (a clinical-trial use needs it). */
  async hasResearchConsent(db: Db | Tx, donorId: string): Promise<boolean> {
    const r = await db.one<{ ok: boolean }>(`SELECT EXISTS (SELECT 1 FROM consents WHERE donor_id = $1 AND type = 'research' AND withdrawn_at IS NULL) AS ok`, [donorId]);
    return !!r?.ok;
  }

  /** Whether a donor with this donor number is registered (a lab event for an unknown one waits for it). */
  async existsByNumber(db: Db | Tx, donorNumber: string): Promise<boolean> {
    return !!(await db.one(`SELECT 1 FROM donors WHERE donor_number = $1`, [donorNumber]));
  }

  /** The donor with consents, screenings and IDM results. */
  async get(actor: Actor, id: string): Promise<Record<string, unknown>> {
    const row = await this.findRow(this.db, id);
    const [consents, screenings, tests, units] = await Promise.all([
      this.db.query(
        `SELECT id, type, form_version AS "formVersion", signed_at AS "signedAt", withdrawn_at AS "withdrawnAt", withdrawal_reason AS "withdrawalReason",
                (withdrawn_at IS NULL) AS active
           FROM consents WHERE donor_id = $1 ORDER BY signed_at`,
        [row.id],
      ),
      this.db.query(`SELECT ${SCREENING_COLUMNS} FROM screenings WHERE donor_id = $1 ORDER BY completed_at`, [row.id]),
      this.db.query(`SELECT ${IDM_TEST_COLUMNS} FROM idm_tests WHERE donor_id = $1 ORDER BY sample_drawn_at, marker`, [row.id]),
      this.db.query(`SELECT din, status FROM cord_blood_units WHERE donor_id = $1 ORDER BY din`, [row.id]),
    ]);
    return { ...this.view(row, actor), consents, screenings, infectiousDiseaseTests: tests, units };
  }

  /** A correction: reason required; the audit keeps the old values (Part 11.10(e)). */
  async correct(actor: Actor, id: string, dto: UpdateDonorDto): Promise<Record<string, unknown>> {
    const { reason, ...fields } = dto;
    const columns: Record<string, string> = {
      firstName: 'first_name', lastName: 'last_name', dateOfBirth: 'date_of_birth', email: 'email', phone: 'phone', bankingType: 'banking_type', ethnicity: 'ethnicity',
    };
    const keys = Object.keys(fields).filter((k) => (fields as Record<string, unknown>)[k] !== undefined);
    if (keys.length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to correct', { errors: [{ field: '(body)', message: 'name at least one field to correct' }] });
    const row = await this.db.tx(actor, async (tx) => {
      const current = await this.findRow(tx, id, true);
      if (fields.bankingType && fields.bankingType !== current.banking_type) {
        const n = await tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM cord_blood_units WHERE donor_id = $1`, [current.id]);
        if ((n?.n ?? 0) > 0) throw new DomainError('CONFLICT', 'The banking type can not change once the donor has units (each unit keeps the type it was collected under)');
      }
      await tx.audit({ action: 'donor.corrected', reason });
      return tx.one<DonorRow>(
        `UPDATE donors SET ${keys.map((k, i) => `${columns[k]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1 RETURNING ${DONOR_COLUMNS}`,
        [current.id, ...keys.map((k) => (fields as Record<string, unknown>)[k])],
      );
    });
    return this.view(row!, actor);
  }

  async addConsent(actor: Actor, donorId: string, dto: CreateConsentDto): Promise<Record<string, unknown>> {
    return this.db.tx(actor, async (tx) => {
      const donor = await this.findRow(tx, donorId);
      await tx.audit({ action: 'consent.recorded' });
      const row = await tx.one(
        `INSERT INTO consents (donor_id, type, form_version, signed_at) VALUES ($1, $2, $3, $4)
         RETURNING id, type, form_version AS "formVersion", signed_at AS "signedAt", withdrawn_at AS "withdrawnAt", withdrawal_reason AS "withdrawalReason", true AS active`,
        [donor.id, dto.type, dto.formVersion, dto.signedAt],
      );
      return { donorId: donor.id, ...row! };
    });
  }

  /**
   * Withdrawal keeps the record and its reason, and blocks release: the donor's units that are
   * `available` or `reserved` and now lack their required consent go on hold in the same transaction.
   */
  async withdrawConsent(actor: Actor, donorId: string, consentId: string, reason: string): Promise<Record<string, unknown>> {
    return this.db.tx(actor, async (tx) => {
      const donor = await this.findRow(tx, donorId);
      await tx.audit({ action: 'consent.withdrawn', reason });
      const row = await tx.one<{ id: string; type: string }>(
        `UPDATE consents SET withdrawn_at = now(), withdrawal_reason = $3
          WHERE id = $1 AND donor_id = $2 AND withdrawn_at IS NULL
          RETURNING id, type, form_version AS "formVersion", signed_at AS "signedAt", withdrawn_at AS "withdrawnAt", withdrawal_reason AS "withdrawalReason", false AS active`,
        [consentId, donor.id, reason],
      );
      if (!row) {
        const exists = await tx.one(`SELECT withdrawn_at FROM consents WHERE id = $1 AND donor_id = $2`, [consentId, donor.id]);
        if (!exists) throw notFound('Consent', consentId);
        throw new DomainError('CONFLICT', 'This consent is already withdrawn');
      }
      const held: string[] = [];
      const units = await tx.query<{ din: string }>(
        `SELECT din FROM cord_blood_units WHERE donor_id = $1 AND status IN ('available', 'reserved') ORDER BY din FOR UPDATE`,
        [donor.id],
      );
      // the units are locked by the SELECT above; one read of their consent state for all of them
      const facts = await this.unitDonorFacts(tx, units.map((u) => u.din));
      for (const u of units) {
        if (facts.get(u.din)?.activeConsents === 0) {
          await this.units.transition(tx, u.din, 'on_hold', { action: 'unit.held', reason: `consent withdrawn: ${reason}` });
          held.push(u.din);
        }
      }
      return { donorId: donor.id, ...row, unitsPutOnHold: held };
    });
  }

  async addScreening(actor: Actor, donorId: string, dto: CreateScreeningDto): Promise<Record<string, unknown>> {
    return this.db.tx(actor, async (tx) => {
      const donor = await this.findRow(tx, donorId);
      await tx.audit({ action: 'screening.recorded' });
      const row = await tx.one(
        `INSERT INTO screenings (donor_id, version, completed_at, deferral_reasons) VALUES ($1, $2, $3, $4) RETURNING ${SCREENING_COLUMNS}`,
        [donor.id, dto.version, dto.completedAt, dto.deferralReasons],
      );
      const affected = dto.deferralReasons.length ? await this.voidAndHold(tx, donor.id, `screening deferral: ${dto.deferralReasons.join('; ')}`) : { voided: [], held: [] };
      return { donorId: donor.id, ...row!, determinationsVoided: affected.voided, unitsPutOnHold: affected.held };
    });
  }

  /**
   * 21 CFR 1271.75(d): a deferral is cleared (or changed) only by a correction of that questionnaire
   * with a reason, by the medical director; the audit keeps the old deferral reasons. (A newer clean
   * questionnaire does not clear it: every screening's deferral counts, see computeEligibility.)
   * A correction that adds a deferral voids the determinations in force and holds released units,
   * like a new deferral; one that clears it leaves held units on hold for QA and needs a new
   * determination.
   */
  async correctScreening(actor: Actor, donorId: string, screeningId: string, dto: CorrectScreeningDto): Promise<Record<string, unknown>> {
    return this.db.tx(actor, async (tx) => {
      const donor = await this.findRow(tx, donorId);
      const current = await tx.one<{ deferral_reasons: string[] }>(`SELECT deferral_reasons FROM screenings WHERE id = $1 AND donor_id = $2 FOR UPDATE`, [screeningId, donor.id]);
      if (!current) throw notFound('Screening', screeningId);
      await tx.audit({ action: 'screening.corrected', reason: dto.reason });
      const row = await tx.one(
        `UPDATE screenings SET deferral_reasons = $3, corrected_at = clock_timestamp(), corrected_by = $4, correction_reason = $5
          WHERE id = $1 AND donor_id = $2 RETURNING ${SCREENING_COLUMNS}`,
        [screeningId, donor.id, dto.deferralReasons, actor.type === 'user' ? actor.id : null, dto.reason],
      );
      const added = dto.deferralReasons.filter((r) => !current.deferral_reasons.includes(r));
      const affected = added.length ? await this.voidAndHold(tx, donor.id, `screening corrected to a deferral: ${added.join('; ')}`) : { voided: [], held: [] };
      return { donorId: donor.id, ...row!, determinationsVoided: affected.voided, unitsPutOnHold: affected.held };
    });
  }

  /**
   * A later reactive result or deferral voids every determination in force on the donor's units
   * (21 CFR 1271.50(a): the determination rested on records that changed) and puts the donor's
   * `available` and `reserved` units that no longer meet their release criteria on hold (1271.60(a);
   * 1271.65(a): an ineligible donor's unit is kept from improper release). Each unit is locked in
   * DIN order; voids and holds are on the unit's audit chain, in the caller's transaction.
   */
  private async voidAndHold(tx: Tx, donorId: string, cause: string): Promise<{ voided: string[]; held: string[] }> {
    const units = await tx.query<{ din: string }>(
      `SELECT u.din FROM cord_blood_units u
        WHERE u.donor_id = $1 AND (u.status IN ('available', 'reserved')
              OR EXISTS (SELECT 1 FROM eligibility_determinations d WHERE d.din = u.din AND d.voided_at IS NULL))
        ORDER BY u.din`,
      [donorId],
    );
    const voided: string[] = [];
    const held: string[] = [];
    for (const u of units) {
      const unit = await this.units.lock(tx, u.din);
      await tx.audit({ action: 'eligibility.determination_voided', reason: cause, signature: null });
      const v = await tx.query(`UPDATE eligibility_determinations SET voided_at = clock_timestamp(), void_reason = $2 WHERE din = $1 AND voided_at IS NULL RETURNING id`, [u.din, cause]);
      if (v.length) voided.push(u.din);
      if ((unit.status === 'available' || unit.status === 'reserved') && (await this.units.releaseBlockers(tx, unit)).length > 0) {
        await this.units.transition(tx, u.din, 'on_hold', { action: 'unit.held', reason: cause, signature: null });
        held.push(u.din);
      }
    }
    return { voided, held };
  }

  async addIdmTest(actor: Actor, donorId: string, dto: CreateIdmTestDto): Promise<Record<string, unknown>> {
    return this.db.tx(actor, (tx) => this.recordIdm(tx, donorId, dto, { type: 'staff' }));
  }

  /**
   * Records a maternal IDM result (21 CFR 1271.85), from staff or a lab event, in the caller's
   * transaction. `donor` is the donor's id or donor number; an unknown donor is NOT_FOUND.
   */
  async recordIdm(tx: Tx, donor: string, input: IdmInput, source: { type: 'staff' | 'lab_event'; labEventId?: string; performedBy?: string | null }): Promise<Record<string, unknown>> {
    const drawn = notInFuture('sampleDrawnAt', input.sampleDrawnAt);
    if (input.testedAt && new Date(input.testedAt).getTime() < drawn.getTime()) throw fieldError('testedAt', 'can not be before sampleDrawnAt');
    if (input.transfusedBeforeSample && typeof input.dilutionAcceptable !== 'boolean') {
      throw fieldError('dilutionAcceptable', 'is required when the donor was transfused or infused before the sample: the plasma-dilution algorithm\'s finding (21 CFR 1271.80(d)(1)(ii))');
    }
    const row = await this.findRow(tx, donor);
    await tx.audit({ action: source.type === 'lab_event' ? 'lab_event.idm.resulted' : 'idm.recorded' });
    // who did the work (21 CFR 1271.270(a)): the person the lab event names; for a staff entry, the user
    const user = tx.actor.type === 'user' ? tx.actor : null;
    const performedBy = source.performedBy ?? (source.type === 'staff' && user ? user.name : null);
    const test = await tx.one(
      `INSERT INTO idm_tests (donor_id, marker, result, sample_drawn_at, tested_at, test_kit, method, lab, lab_clia_number,
                              transfused_before_sample, dilution_acceptable, performed_by, entered_by, source, lab_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       RETURNING ${IDM_TEST_COLUMNS}`,
      [row.id, input.marker, input.result, drawn, input.testedAt ?? null, input.testKit, input.method, input.lab, input.labCliaNumber,
        input.transfusedBeforeSample, input.transfusedBeforeSample ? input.dilutionAcceptable : null, performedBy,
        source.type === 'staff' && user ? user.id : null, source.type, source.labEventId ?? null],
    );
    // A later reactive result voids the determinations in force and holds released units (21 CFR
    // 1271.50(a), 1271.60(a)); CMV too: a reactive CMV needs the documented-procedure reason on a new determination
    const affected = input.result !== 'negative' ? await this.voidAndHold(tx, row.id, `IDM ${input.marker} ${input.result}`) : { voided: [], held: [] };
    return { donorId: row.id, ...test!, determinationsVoided: affected.voided, unitsPutOnHold: affected.held };
  }

  /** Eligibility of a donor, against a given collection time or the donor's latest collection. */
  async eligibility(db: Db | Tx, donorId: string, collectedAt?: Date | null): Promise<Eligibility> {
    const donor = await this.findRow(db, donorId);
    const [screenings, tests, latest] = await Promise.all([
      db.query<{ completed_at: Date; deferral_reasons: string[] }>(`SELECT completed_at, deferral_reasons FROM screenings WHERE donor_id = $1`, [donor.id]),
      db.query<{ marker: string; result: IdmResult; sample_drawn_at: Date; transfused_before_sample: boolean | null; dilution_acceptable: boolean | null }>(
        `SELECT marker, result, sample_drawn_at, transfused_before_sample, dilution_acceptable FROM idm_tests WHERE donor_id = $1`,
        [donor.id],
      ),
      collectedAt === undefined ? db.one<{ collected_at: Date }>(`SELECT collected_at FROM collections WHERE donor_id = $1 ORDER BY collected_at DESC LIMIT 1`, [donor.id]) : Promise.resolve(undefined),
    ]);
    return computeEligibility({
      collectedAt: collectedAt === undefined ? (latest?.collected_at ?? null) : collectedAt,
      screenings: screenings.map((s) => ({ completedAt: s.completed_at, deferralReasons: s.deferral_reasons })),
      tests: tests.map((t) => toIdmInput({ marker: t.marker, result: t.result, sampleDrawnAt: t.sample_drawn_at, transfusedBeforeSample: t.transfused_before_sample, dilutionAcceptable: t.dilution_acceptable })),
    });
  }

  /** Eligibility for many units at once (each against its own collection), in one query. */
  async eligibilityForUnits(db: Db | Tx, dins: string[]): Promise<Map<string, Eligibility>> {
    return new Map([...(await this.unitDonorFacts(db, dins)).values()].map((f) => [f.din, f.eligibility]));
  }

  /**
   * What the release gate and the unit view need to know about each unit's donor, in one query:
   * the eligibility inputs (collection time, screenings, IDM tests) and the state of the consent the
   * unit's banking type requires.
   */
  async unitDonorFacts(db: Db | Tx, dins: string[]): Promise<Map<string, UnitDonorFacts>> {
    // one unit by a scalar parameter: its plan is kept (UNIT_DONOR_FACTS_ONE_SQL)
    const [sql, params] = dins.length === 1 ? [UNIT_DONOR_FACTS_ONE_SQL, [dins[0]]] : [UNIT_DONOR_FACTS_SQL, [dins]];
    const rows = await db.query<UnitDonorFactsRow & { din: string; banking_type: 'public' | 'family' }>(sql, params);
    return new Map(rows.map((r) => [r.din, unitDonorFactsOf(r.din, r.banking_type, r)]));
  }

  /**
   * 21 CFR 1271.50(a), 1271.45/1271.65 and FACT-NetCord: a unit needs the responsible person's
   * determination in force, matching the status computed now; a public unit needs an eligible donor;
   * a family unit needs the determination made (eligible, or ineligible and so labelled, 1271.65(b));
   * both need their required consent active.
   */
  private async releaseBlockers(db: Db | Tx, dins: string[]): Promise<Map<string, string[]>> {
    return new Map([...(await this.unitDonorFacts(db, dins))].map(([din, f]) => [din, donorReleaseBlockers(f)]));
  }
}

/** What UNIT_DONOR_FACTS_SQL (and the unit view's part, where timestamps are jsonb text) read of a unit's donor. */
interface UnitDonorFactsRow {
  collected_at: Date | string | null;
  screenings: { completedAt: string; deferralReasons: string[] }[];
  tests: { marker: string; result: IdmResult; sampleDrawnAt: string; transfusedBeforeSample: boolean | null; dilutionAcceptable: boolean | null }[];
  active_consents: number;
  withdrawn_consents: number;
  determination: DeterminationInForce | null;
  intended_use: string | null;
}

/** The donors' part of the unit view: the facts, with the donor's IDM tests as the view lists them (the eligibility's tests too). */
type UnitDonorPart = Omit<UnitDonorFactsRow, 'tests'> & { idm_tests: (UnitDonorFactsRow['tests'][number] & Record<string, unknown>)[] };

/** The facts of a view part, computed once for its fields and its release check. */
const partFacts = new WeakMap<UnitDonorPart, UnitDonorFacts>();
function viewFacts(u: { din: string; banking_type: 'public' | 'family' }, v: UnitDonorPart): UnitDonorFacts {
  let f = partFacts.get(v);
  if (!f) partFacts.set(v, (f = unitDonorFactsOf(u.din, u.banking_type, { ...v, tests: v.idm_tests })));
  return f;
}

/** The facts of the release gate and the unit view from what the SQL read (pure). */
function unitDonorFactsOf(din: string, bankingType: 'public' | 'family', r: UnitDonorFactsRow): UnitDonorFacts {
  return {
    din,
    bankingType,
    activeConsents: r.active_consents,
    withdrawnConsents: r.withdrawn_consents,
    determination: r.determination,
    intendedUse: r.intended_use,
    eligibility: computeEligibility({
      collectedAt: r.collected_at === null ? null : new Date(r.collected_at),
      screenings: r.screenings.map((x) => ({ completedAt: new Date(x.completedAt), deferralReasons: x.deferralReasons })),
      tests: r.tests.map(toIdmInput),
    }),
  };
}

/** The donor's fields of `GET /units/:din`: eligibility, the determination in force, label statements, IDM tests. */
function unitDonorView(f: UnitDonorFacts, tests: Record<string, unknown>[]): Record<string, unknown> {
  const el = f.eligibility;
  return {
    eligibility: el.status === 'ineligible' ? { ...el, label: 'Donor ineligible: for autologous or directed family use only (21 CFR 1271.65)' } : el,
    eligibilityDetermination: f.determination,
    labelStatements: labelStatements({ bankingType: f.bankingType, intendedUse: f.intendedUse, determination: f.determination, eligibility: el }),
    infectiousDiseaseTests: tests,
  };
}

/** The donor-side release criteria of a unit (pure: the facts are read by unitDonorFacts). */
export function donorReleaseBlockers(f: UnitDonorFacts): string[] {
  const e = f.eligibility;
  const d = f.determination;
  const out: string[] = [];
  if (f.bankingType === 'public' && e.status !== 'eligible') out.push(`eligibility: donor ${e.status} (${e.reasons.join('; ')})`);
  if (f.bankingType === 'family' && e.status === 'incomplete') out.push(`eligibility: donor eligibility not yet determined (${e.reasons.join('; ')})`);
  if (!d) out.push('eligibility determination: none in force — the medical director determines the donor eligible or ineligible, e-signed (21 CFR 1271.50(a))');
  else if (d.status !== e.status) out.push(`eligibility determination: ${d.status} (${d.determinedAt}, ${d.determinedBy}) does not match the status computed now (${e.status}) (21 CFR 1271.50(a))`);
  if (f.activeConsents === 0) {
    const needed = REQUIRED_CONSENT[f.bankingType];
    out.push(f.withdrawnConsents > 0 ? `consent: the ${needed} consent was withdrawn` : `consent: no active ${needed} consent`);
  }
  return out;
}
