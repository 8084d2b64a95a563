import { Injectable } from '@nestjs/common';
import type { Db, Tx } from '../database/db.service';

/**
 * How other features extend the unit without the units module importing them (no cycles):
 * storage adds the position and excursions to the unit view and blocks release while an excursion
 * is unreviewed; donors add eligibility and consent to the release gate; release requests add the
 * reservation. Each registers in its module's onModuleInit.
 */
export interface UnitExtension {
  name: string;
  /** Extra fields of `GET /units/:din` (and list items), keyed by DIN. */
  view?(db: Db | Tx, dins: string[]): Promise<Map<string, Record<string, unknown>>>;
  /** Unmet conditions for the unit to be (or stay) released: an empty list means none. */
  releaseBlockers?(tx: Tx | Db, din: string): Promise<string[]>;
  /**
   * Runs after the transaction that created a unit (with its DIN) or a donor (with its donor number)
   * committed, e.g. to apply lab events that arrived before the record existed. Failures are logged,
   * never undo the creation.
   */
  afterCreated?(created: { din?: string; donorNumber?: string }): Promise<void>;
}

@Injectable()
export class UnitExtensions {
  private readonly extensions: UnitExtension[] = [];

  register(ext: UnitExtension): void {
    if (!this.extensions.some((e) => e.name === ext.name)) this.extensions.push(ext);
  }

  all(): readonly UnitExtension[] {
    return this.extensions;
  }

  /** Calls every afterCreated hook; never throws (the record is already committed). */
  async created(created: { din?: string; donorNumber?: string }, onError: (err: unknown) => void): Promise<void> {
    for (const ext of this.extensions) {
      if (!ext.afterCreated) continue;
      try {
        await ext.afterCreated(created);
      } catch (err) {
        onError(err);
      }
    }
  }
}
