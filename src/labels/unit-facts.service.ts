import { Injectable } from '@nestjs/common';
import { notFound } from '../common/domain-error';
import { RuntimeSettings } from '../config/runtime';
import type { Db, Tx } from '../database/db.service';
import { DonorsService } from '../donors/donors.service';
import { REQUIRED_MARKERS } from '../donors/eligibility';
import type { Abo, Rh } from '../isbt128/structures';
import type { ExpiryPolicy, LabelFacts } from './label-model';

/** The unit's record as a label needs it, in one read (plus the donor's eligibility, computed). */
const FACTS_SQL = `
  SELECT u.din, u.din_check, u.status, u.banking_type, u.donor_id, u.processed_at, u.volume_ml::float8 AS volume_ml, u.abo, u.rh,
         u.product_code, u.product_code_version, pc.description AS product_description,
         c.collected_at, c.anticoagulant_volume_ml::float8 AS anticoagulant_volume_ml,
         (SELECT coalesce(array_agg(DISTINCT t.marker ORDER BY t.marker), '{}') FROM idm_tests t
           WHERE t.donor_id = u.donor_id AND t.result = 'positive' AND t.marker = ANY($2::text[])) AS reactive,
         (SELECT jsonb_build_object('requestNumber', r.request_number, 'facility', r.requesting_facility, 'physician', r.physician, 'status', r.status)
            FROM release_requests r WHERE r.din = u.din AND r.status IN ('approved', 'shipped', 'delivered')
           ORDER BY r.approved_at DESC NULLS LAST LIMIT 1) AS shipment
    FROM cord_blood_units u
    LEFT JOIN collections c ON c.din = u.din
    LEFT JOIN product_codes pc ON pc.version = u.product_code_version AND pc.code = u.product_code
   WHERE u.din = $1`;

@Injectable()
export class UnitFactsService {
  constructor(
    private readonly donors: DonorsService,
    private readonly settings: RuntimeSettings,
  ) {}

  get expiryPolicy(): ExpiryPolicy {
    const c = this.settings.config;
    return { freshHours: c.ACCEPT_MAX_TRANSIT_HOURS, frozenYears: c.LABEL_FROZEN_SHELF_LIFE_YEARS };
  }

  async facts(db: Db | Tx, din: string): Promise<LabelFacts> {
    const r = await db.one<{
      din: string; din_check: string; status: string; banking_type: 'public' | 'family'; donor_id: string; processed_at: Date | null; volume_ml: number | null;
      abo: Abo | null; rh: Rh | null; product_code: string | null; product_code_version: number | null; product_description: string | null;
      collected_at: Date | null; anticoagulant_volume_ml: number | null; reactive: string[]; shipment: LabelFacts['shipment'];
    }>(FACTS_SQL, [din, [...REQUIRED_MARKERS]]);
    if (!r) throw notFound('Unit', din);
    const eligibility = (await this.donors.eligibilityForUnits(db, [din])).get(din) ?? { status: 'incomplete' as const, reasons: ['donor: no record'] };
    const cfg = this.settings.config;
    return {
      din: r.din, dinCheck: r.din_check, status: r.status, bankingType: r.banking_type, facilityId: cfg.ISBT_FACILITY_ID, facilityName: cfg.LAB_NAME,
      collectedAt: r.collected_at, anticoagulantVolumeMl: r.anticoagulant_volume_ml, processedAt: r.processed_at, volumeMl: r.volume_ml,
      abo: r.abo, rh: r.rh, productCode: r.product_code, productCodeVersion: r.product_code_version, productDescription: r.product_description,
      eligibility, reactiveMarkers: r.reactive, shipment: r.shipment,
    };
  }
}
