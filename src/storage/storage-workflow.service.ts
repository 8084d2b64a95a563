import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { validationFailed } from '../common/domain-error';
import { Db, Tx } from '../database/db.service';
import { UnitsService } from '../units/units.service';
import type { RecordedReadingView, StoreUnitDto } from './dto/storage.dto';
import { ExcursionsService, type ReadingRowDb, readingView } from './excursions.service';
import { PlacementService } from './placement.service';
import type { RetrievalReason } from './storage.rules';
import { txNow } from './storage.shared';

/**
 * The storage acts over HTTP that change a unit or record a reading: each validates its input, opens
 * the one transaction (with its audit entries, Part 11.10(e)) and calls the services under it with
 * that transaction; the answer is read in it.
 */
@Injectable()
export class StorageWorkflowService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly placement: PlacementService,
    private readonly excursions: ExcursionsService,
  ) {}

  /** `POST /units/:din/storage`: stores the unit and answers the whole unit as `GET /units/:din` does. */
  async store(actor: Actor, din: string, dto: StoreUnitDto): Promise<Record<string, unknown>> {
    if (!!dto.positionId === !!dto.freezerId) {
      throw validationFailed([{ field: 'positionId', message: 'give exactly one of positionId or freezerId' }]);
    }
    return this.db.tx(actor, async (tx) => {
      await this.placement.store(tx, din, dto);
      return this.unitView(tx, din);
    });
  }

  /** `POST /units/:din/move`. */
  async move(actor: Actor, din: string, positionRef: string, reason: string): Promise<Record<string, unknown>> {
    return this.db.tx(actor, async (tx) => {
      await this.placement.move(tx, din, positionRef, reason);
      return this.unitView(tx, din);
    });
  }

  /** `POST /units/:din/retrieve`. */
  async retrieve(actor: Actor, din: string, reason: RetrievalReason, comment?: string): Promise<Record<string, unknown>> {
    return this.db.tx(actor, async (tx) => {
      await this.placement.retrieve(tx, din, reason, undefined, comment);
      return this.unitView(tx, din);
    });
  }

  /** `POST /storage/freezers/:id/temperatures`: a reading entered by staff. */
  async addReading(actor: Actor, ref: string, temperatureC: number, readAt?: string): Promise<RecordedReadingView> {
    return this.db.tx(actor, async (tx) => {
      const r = await this.excursions.recordTemperature(tx, ref, temperatureC, readAt ? new Date(readAt) : await txNow(tx), 'staff');
      const reading = await tx.one<ReadingRowDb>(`SELECT * FROM freezer_temperature_readings WHERE id = $1`, [r.readingId]);
      return { reading: readingView(reading!), excursion: r.excursion };
    });
  }

  private async unitView(tx: Tx, din: string): Promise<Record<string, unknown>> {
    const row = await this.units.find(din, tx);
    const [view] = await this.units.views([row!], tx);
    return view;
  }
}
