import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { DomainError, fieldError, notFound } from '../common/domain-error';
import { Db, Tx } from '../database/db.service';
import { UnitsService } from '../units/units.service';
import { chainCompleteness } from './custody-chain';
import { CustodyService } from './custody.service';
import type { CustodyChainView, CustodyEventView, HandoverDto, HandoverResultView } from './dto/custody.dto';

interface EventRow {
  seq: number;
  kind: string;
  from_party: string | null;
  to_party: string;
  location: string | null;
  handed_over_at: Date;
  condition: string | null;
  shipper_id: string | null;
  temperature_logger_id: string | null;
  temperature_ok: boolean | null;
  created_at: Date;
}


/**
 * The chain of custody over HTTP (FACT-NetCord; 21 CFR 1271.290 tracking): reading a unit's chain
 * and recording a manual handover. It sits above the units module: the unit is locked and handed
 * over through UnitsService (the unit row is the units feature's), the chain is read from custody.
 */
@Injectable()
export class CustodyChainService {
  constructor(
    private readonly db: Db,
    private readonly custody: CustodyService,
    private readonly units: UnitsService,
  ) {}

  /** `GET /units/:din/custody`: every handover in order, and whether the chain is complete. */
  async chain(din: string): Promise<CustodyChainView> {
    const unit = await this.units.find(din);
    if (!unit) throw notFound('Unit', din);
    return this.view(this.db, din, unit.custodian);
  }

  /**
   * `POST /units/:din/custody`: a handover outside the acts that record their own (collection,
   * receipt, storage, retrieval, shipment, delivery). `from` must be the current custodian, else 409:
   * the chain stays complete by construction. A unit held in a freezer position is taken out by
   * retrieval (storage), not by a handover, so that storage and custody never disagree.
   */
  async handover(actor: Actor, din: string, dto: HandoverDto): Promise<HandoverResultView> {
    const from = dto.from.trim();
    const to = dto.to.trim();
    const at = new Date(dto.handedOverAt);
    if (!from) throw fieldError('from', 'must name who hands the unit over');
    if (!to) throw fieldError('to', 'must name who takes the unit');
    if (from === to) throw fieldError('to', 'must differ from `from`: a handover changes the custodian');
    return this.db.tx(actor, async (tx) => {
      const unit = await this.units.lock(tx, din);
      if (unit.custodian !== from) {
        throw new DomainError('CONFLICT', `Unit ${din} is held by ${unit.custodian === null ? 'nobody on record' : JSON.stringify(unit.custodian)}, not ${JSON.stringify(from)}: only the current custodian can hand it over`, {
          custodian: unit.custodian,
        });
      }
      if (unit.position_id) {
        throw new DomainError('CONFLICT', `Unit ${din} is stored in a freezer position: take it out with POST /units/${din}/retrieve before handing it over`, { unitStatus: unit.status });
      }
      await this.custody.expectNotBeforeLast(tx, din, at, 'handedOverAt');
      await tx.audit({ action: 'unit.custody.handed_over', reason: dto.condition ?? null });
      const { seq } = await this.units.handOver(tx, din, {
        kind: 'manual', from, to, location: dto.location.trim(), handedOverAt: at,
        condition: dto.condition ?? null, shipperId: dto.shipperId ?? null, temperatureLoggerId: dto.temperatureLoggerId ?? null,
      });
      const chain = await this.view(tx, din, to);
      return { ...chain, event: chain.events.find((e) => e.seq === seq)! };
    });
  }

  private async view(db: Db | Tx, din: string, custodian: string | null): Promise<CustodyChainView> {
    const rows = await db.query<EventRow>(
      `SELECT seq, kind, from_party, to_party, location, handed_over_at, condition, shipper_id, temperature_logger_id, temperature_ok, created_at
         FROM custody_events WHERE din = $1 ORDER BY seq`,
      [din],
    );
    const { complete, breaks } = chainCompleteness(rows.map((r) => ({ seq: r.seq, from: r.from_party, to: r.to_party })));
    const broken = new Set(breaks.map((b) => b.seq));
    const events: CustodyEventView[] = rows.map((r) => ({
      seq: r.seq,
      kind: r.kind,
      from: r.from_party,
      to: r.to_party,
      location: r.location,
      handedOverAt: r.handed_over_at.toISOString(),
      condition: r.condition,
      shipperId: r.shipper_id,
      temperatureLoggerId: r.temperature_logger_id,
      temperatureOk: r.temperature_ok,
      recordedAt: r.created_at.toISOString(),
      linked: !broken.has(r.seq),
    }));
    return { din, events, complete, breaks, custodian };
  }
}
