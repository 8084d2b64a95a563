import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { DomainError, notFound } from '../common/domain-error';
import { formatDin, mod37_2, parseDin } from '../common/din';
import { RuntimeSettings } from '../config/runtime';
import { Db, Tx } from '../database/db.service';
import { DonorsService } from '../donors/donors.service';
import { SuppliesService, type SuppliesUsed } from '../supplies/supplies.service';
import { UnitExtensions } from '../units/unit-extensions';
import { UnitsService } from '../units/units.service';
import { CreateCollectionDto } from './dto/collection.dto';

const field = (name: string, message: string) => new DomainError('VALIDATION_FAILED', `${name}: ${message}`, { errors: [{ field: name, message }] });

/**
 * A birth collection creates its cord blood unit and assigns its DIN (ISBT 128): the facility id
 * from configuration, the 2-digit year and a 6-digit sequence from a per-facility-and-year counter
 * whose row lock makes concurrent collections draw distinct numbers; the DIN is the unit's primary
 * key, so it can never repeat. The collection row is this feature's; the unit row is created through
 * UnitsService and its first custody event through UnitsService.handOver.
 */
@Injectable()
export class CollectionsService {
  private readonly logger = new Logger('Collections');

  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly donors: DonorsService,
    private readonly extensions: UnitExtensions,
    private readonly settings: RuntimeSettings,
    private readonly supplies: SuppliesService,
  ) {}

  async create(actor: Actor, dto: CreateCollectionDto): Promise<{ id: string; unit: { din: string; dinCheck: string; status: string }; supplies: SuppliesUsed }> {
    const birthAt = new Date(dto.birthAt);
    const collectedAt = new Date(dto.collectedAt);
    const now = Date.now() + 5 * 60_000;
    if (birthAt.getTime() > now) throw field('birthAt', 'can not be in the future');
    if (collectedAt.getTime() > now) throw field('collectedAt', 'can not be in the future');
    if (collectedAt < birthAt) throw field('collectedAt', 'can not be before birthAt');
    const facility = this.settings.config.ISBT_FACILITY_ID;
    const given = dto.din !== undefined ? parseDin(dto.din, 'din') : undefined;
    if (given && given.din.slice(0, 5) !== facility) throw field('din', `must carry this bank's facility identification number ${facility}`);

    const result = await this.db.tx(actor, async (tx) => {
      const donor = await this.donors.bankingOf(tx, dto.donorId);
      if (!donor) throw field('donorId', 'no such donor');
      const din = given?.din ?? (await this.nextDin(tx, facility));
      await tx.audit({ action: 'unit.collected' });
      await this.units.create(tx, { din, dinCheck: mod37_2(din), donorId: donor.id, bankingType: donor.banking_type });
      const c = await tx.one<{ id: string }>(
        `INSERT INTO collections (din, donor_id, hospital, collected_by, birth_at, collected_at, delivery_type, gestational_age_weeks, method, bag_lot, anticoagulant_volume_ml, gross_volume_ml, din_flags)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [din, donor.id, dto.hospital, dto.collectedBy, birthAt, collectedAt, dto.deliveryType, dto.gestationalAgeWeeks, dto.method, dto.bagLot ?? null, dto.anticoagulantVolumeMl ?? null, dto.grossVolumeMl ?? null, given?.flags ?? null],
      );
      await this.units.handOver(tx, din, { kind: 'collection', from: null, to: `${dto.collectedBy} (${dto.hospital})`, location: dto.hospital, handedOverAt: collectedAt });
      // 21 CFR 1271.290 / 1271.210: the collection bag and anticoagulant lots (and equipment) it used
      const supplies = await this.supplies.link(tx, din, 'collection', dto, collectedAt);
      return { id: c!.id, unit: { din, dinCheck: mod37_2(din), status: 'collected' }, supplies };
    });
    await this.extensions.created({ din: result.unit.din }, (err) => this.logger.error({ err: String(err) }, 'afterCreated hook failed'));
    return result;
  }

  /** The next free DIN of this facility and year; skips numbers already used by pre-printed kits. */
  private async nextDin(tx: Tx, facility: string): Promise<string> {
    const year = new Date().getUTCFullYear() % 100;
    for (;;) {
      const r = await tx.one<{ last_sequence: number }>(
        `INSERT INTO din_counters (facility_id, year, last_sequence) VALUES ($1, $2, 1)
         ON CONFLICT (facility_id, year) DO UPDATE SET last_sequence = din_counters.last_sequence + 1
         RETURNING last_sequence`,
        [facility, year],
      ).catch((err: { code?: string }) => {
        if (err?.code === '23514') throw new DomainError('CONFLICT', `The DIN sequence of ${facility} for this year is exhausted (999999)`);
        throw err;
      });
      const din = formatDin(facility, year, r!.last_sequence);
      if (!(await this.units.exists(tx, din))) return din;
    }
  }

  /**
   * Corrects the collection record of a unit (PATCH /units/:din names collection fields; the units
   * feature hands them here through UnitExtension.correct), in the caller's transaction after its
   * audit context. `set` is keyed by column (COLLECTION_CORRECTION_COLUMNS); 409 when the unit has no
   * collection, 422 when the collection would end before the birth.
   */
  async correct(tx: Tx, din: string, set: Record<string, unknown>): Promise<void> {
    const cols = Object.keys(set);
    for (const c of cols) if (!/^[a-z_0-9]+$/.test(c)) throw new Error(`bad column ${c}`);
    const c = await tx.one<{ birth_at: Date; collected_at: Date }>(
      `UPDATE collections SET ${cols.map((col, i) => `${col} = $${i + 2}`).join(', ')} WHERE din = $1 RETURNING birth_at, collected_at`,
      [din, ...cols.map((col) => set[col])],
    );
    if (!c) throw new DomainError('CONFLICT', `Unit ${din} has no collection record to correct`);
    if (c.collected_at < c.birth_at) {
      throw new DomainError('VALIDATION_FAILED', 'collectedAt: can not be before birthAt', { errors: [{ field: 'collectedAt', message: 'can not be before birthAt' }] });
    }
  }

  async get(id: string): Promise<Record<string, unknown>> {
    const row = await this.db.one(
      `SELECT c.id, c.din, u.din_check AS "dinCheck", u.status, c.donor_id AS "donorId", d.donor_number AS "donorNumber", c.hospital, c.collected_by AS "collectedBy",
              c.birth_at AS "birthAt", c.collected_at AS "collectedAt", c.delivery_type AS "deliveryType", c.gestational_age_weeks::float8 AS "gestationalAgeWeeks",
              c.method, c.bag_lot AS "bagLot", c.anticoagulant_volume_ml::float8 AS "anticoagulantVolumeMl", c.gross_volume_ml::float8 AS "grossVolumeMl", c.din_flags AS "dinFlags", c.created_at AS "createdAt"
         FROM collections c JOIN cord_blood_units u ON u.din = c.din JOIN donors d ON d.id = c.donor_id WHERE c.id = $1`,
      [id],
    );
    if (!row) throw notFound('Collection', id);
    const { din, dinCheck, status, ...rest } = row as Record<string, unknown>;
    return { ...rest, unit: { din, dinCheck, status } };
  }
}
