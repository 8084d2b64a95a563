import { Injectable } from '@nestjs/common';
import type { Db, Tx } from '../database/db.service';
import type { UnitRow } from './units.service';

/**
 * A feature's part of the unit view (`GET /units/:din` and the list's items): ONE SQL expression
 * over the unit row `u` (cord_blood_units), typically a scalar subquery returning json, or NULL
 * when the feature has nothing for the unit. UnitsService composes every part once into the one
 * statement that reads a view, so a view costs one query however many features add to it;
 * `fields` and `blockers` turn the part's value into view fields and release-check entries
 * without a query (pure functions, over what the SQL returned: timestamps inside json are text).
 */
export interface UnitViewPart<T = unknown> {
  sql: string;
  /** The view fields this feature adds (a later extension wins on a shared key). */
  fields?(value: T | null, unit: UnitRow): Record<string, unknown>;
  /**
   * The release check's entries of this feature for the view (`releaseCheck.unmet`): the same rule
   * as its `releaseBlockers` hook (that one serves the write paths, under the unit's lock).
   */
  blockers?(value: T | null, unit: UnitRow): string[];
}

/** Types a part by its value (the extension list holds them as UnitViewPart<unknown>). */
export const viewPart = <T>(part: UnitViewPart<T>): UnitViewPart<unknown> => part as UnitViewPart<unknown>;

/**
 * How other features extend the unit without the units module importing them (no cycles):
 * storage adds the position and excursions to the unit view and blocks release while an excursion
 * is unreviewed; donors add eligibility and consent to the release gate; release requests add the
 * reservation; collections correct the collection record a unit correction names. Each registers in
 * its module's onModuleInit.
 */
export interface UnitExtension {
  name: string;
  /** This feature's part of `GET /units/:din` (and list items): SQL composed into the view's one statement. */
  view?: UnitViewPart<unknown>;
  /**
   * Unmet conditions for the units to be (or stay) released, for the write paths (the gate of
   * `available`, the hold of a unit that stops meeting them), for one unit or many in one query (a
   * batch of lab events): keyed by DIN, a unit with none may be missing. An extension
   * with this hook must give `view.blockers` too, so the unit view's release check shows the same rule
   * (UnitsService refuses to compose the view otherwise).
   */
  releaseBlockers?(tx: Tx | Db, dins: string[]): Promise<Map<string, string[]>>;
  /**
   * Runs after the transaction that created a unit (with its DIN) or a donor (with its donor number)
   * committed, e.g. to apply lab events that arrived before the record existed. Failures are logged,
   * never undo the creation.
   */
  afterCreated?(created: { din?: string; donorNumber?: string }): Promise<void>;
  /**
   * Runs inside the transaction of every unit status change, right after the status was written and
   * under the unit's row lock (UnitsService.transition), e.g. to apply lab results that were waiting
   * for the unit to reach a state that takes them (DESIGN.md section 7). Returns true when it changed
   * the unit further (the caller then reads the row again). Errors abort the transaction.
   */
  afterTransition?(tx: Tx, unit: { din: string; status: string }): Promise<boolean>;
  /**
   * The set-based form of afterTransition, for a status change of many units in one statement
   * (UnitsService.transitionMany, e.g. a look-back's hold): returns the DINs it changed further.
   * An extension without it gets afterTransition once per unit.
   */
  afterTransitionMany?(tx: Tx, units: { din: string; status: string }[]): Promise<Set<string>>;
  /**
   * Writes the columns of a unit correction (PATCH /units/:din) that are this feature's record of the
   * unit (the collection's), in the caller's transaction, under the unit's lock and its audit context.
   * `set` is keyed by column; the feature refuses what breaks its own rules (422/409).
   */
  correct?(tx: Tx, din: string, set: Record<string, unknown>): Promise<void>;
  /**
   * SQL predicates on `cord_blood_units` over this feature's tables, for filters of the unit list
   * (`GET /units?freezerId=`), keyed by the query parameter; `param` is the placeholder (`$2`) of
   * its value. One statement still answers the list: the predicate is a subquery.
   */
  listFilters?: Record<string, (param: string) => string>;
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

  /** Calls every afterTransition hook in the caller's transaction; true when one changed the unit. */
  async transitioned(tx: Tx, unit: { din: string; status: string }): Promise<boolean> {
    let changed = false;
    for (const ext of this.extensions) {
      if (ext.afterTransition && (await ext.afterTransition(tx, unit))) changed = true;
    }
    return changed;
  }

  /** Calls every afterTransitionMany (or afterTransition per unit) hook; the DINs one changed further. */
  async transitionedMany(tx: Tx, units: { din: string; status: string }[]): Promise<Set<string>> {
    const changed = new Set<string>();
    for (const ext of this.extensions) {
      if (ext.afterTransitionMany) for (const din of await ext.afterTransitionMany(tx, units)) changed.add(din);
      else if (ext.afterTransition) for (const u of units) if (await ext.afterTransition(tx, u)) changed.add(u.din);
    }
    return changed;
  }

  /** Hands a correction's columns of another feature's record to the extension that owns it (`name`). */
  async correct(tx: Tx, name: string, din: string, set: Record<string, unknown>): Promise<void> {
    const ext = this.extensions.find((e) => e.name === name && e.correct);
    if (!ext) throw new Error(`no unit extension ${name} corrects its records`);
    await ext.correct!(tx, din, set);
  }

  /** The list filter `name` (e.g. freezerId) of the extension that offers it. */
  listFilter(name: string, param: string): string {
    const ext = this.extensions.find((e) => e.listFilters?.[name]);
    if (!ext) throw new Error(`no unit extension filters the unit list by ${name}`);
    return ext.listFilters![name](param);
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
