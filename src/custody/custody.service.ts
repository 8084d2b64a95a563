import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import type { Tx } from '../database/db.service';

export type CustodyKind = 'collection' | 'receipt' | 'storage' | 'retrieval' | 'shipment' | 'delivery' | 'manual';

export interface CustodyInput {
  kind: CustodyKind;
  /** Who hands over; defaults to the unit's current custodian (the service's own events). */
  from?: string | null;
  to: string;
  location?: string | null;
  handedOverAt: Date | string;
  condition?: string | null;
  shipperId?: string | null;
  temperatureLoggerId?: string | null;
  temperatureOk?: boolean | null;
}

/**
 * Owns the custody events (FACT-NetCord chain of custody). Written inside the transaction of the act
 * that moves the unit (collection, receipt, storage, retrieval, shipment, delivery, a manual
 * handover), through UnitsService.handOver, so the event, the unit's new custodian and their audit
 * entries commit together. Sits below the units module (which imports it); the HTTP side of the
 * chain is CustodyChainModule, above it.
 */
@Injectable()
export class CustodyService {
  /**
   * DESIGN.md section 7; 21 CFR 1271.290 tracking: a unit's custody events are in time order. An act
   * that stamps custody with its own time (`field`: handedOverAt, dispatchedAt, receivedAt) calls this
   * under the unit's lock to answer 422 on that field with the previous event named; the database
   * refuses an out-of-order event anyway (trigger custody_events_time_order, CB422).
   */
  async expectNotBeforeLast(tx: Tx, din: string, at: Date, field: string): Promise<void> {
    const last = await tx.one<{ kind: string; handed_over_at: Date }>(`SELECT kind, handed_over_at FROM custody_events WHERE din = $1 ORDER BY seq DESC LIMIT 1`, [din]);
    if (last && at < last.handed_over_at) {
      const message = `can not be before the unit's last custody event (${last.kind} at ${last.handed_over_at.toISOString()}): custody is recorded in time order`;
      throw new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, message }] });
    }
  }

  /**
   * Appends an event to the unit's chain; `from` defaults to the unit's current custodian. Called by
   * UnitsService.handOver, which also makes `to` the unit's custodian (the unit row is the units
   * feature's): every handover goes through it, under the unit's row lock, so that the sequence and
   * the custodian can not race.
   */
  async record(tx: Tx, din: string, input: CustodyInput): Promise<{ id: string; seq: number }> {
    const row = await tx.one<{ id: string; seq: number }>(
      `WITH u AS (SELECT custodian FROM cord_blood_units WHERE din = $1),
            ins AS (
              INSERT INTO custody_events (din, seq, kind, from_party, to_party, location, handed_over_at, condition, shipper_id, temperature_logger_id, temperature_ok)
              SELECT $1, coalesce((SELECT max(seq) FROM custody_events WHERE din = $1), 0) + 1, $2,
                     coalesce($3, (SELECT custodian FROM u)), $4, $5, $6, $7, $8, $9, $10
              RETURNING id, seq)
       SELECT id, seq FROM ins`,
      [din, input.kind, input.from ?? null, input.to, input.location ?? null, input.handedOverAt, input.condition ?? null, input.shipperId ?? null, input.temperatureLoggerId ?? null, input.temperatureOk ?? null],
    );
    return row!;
  }
}
