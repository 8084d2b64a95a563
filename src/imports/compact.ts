import { IMPORTABLE_STATUSES } from './spec';

/**
 * The dry run's memory for a whole inventory: what it must remember per unit, donor and position for
 * the cross-file checks, held in typed arrays and number-keyed maps instead of one object per unit
 * (500,000 units as objects and strings took more heap than the 300 MB RSS the import may use; issue
 * 19). The API is that of the plain objects it replaces, so the checks read the same.
 */

/** A 13-character DIN (DIN_PATTERN) as an exact integer: its first character in base 36, then its 12 digits. */
export function dinKey(din13: string): number {
  return parseInt(din13[0], 36) * 1e12 + Number(din13.slice(1));
}

export function dinOf(key: number): string {
  const first = Math.floor(key / 1e12);
  return first.toString(36).toUpperCase() + String(key - first * 1e12).padStart(12, '0');
}

const BANKING = ['', 'public', 'family'] as const;
const NOTHING = Number.NaN;
const F_PROCESSED = 1;
const F_HLA = 2;
const F_POSITIONED = 4;
const F_STERILE = 8;

/** One unit's state, read and written through the table (a short-lived view: keep none). */
export interface UnitState {
  status: string;
  banking: string;
  line: number;
  collectedAt?: number;
  receivedAt?: number;
  processed?: boolean;
  sterility?: { at: number; ok: boolean };
  hla?: boolean;
  positioned?: boolean;
  custodyLast?: { to: string; at: number };
}

/** The columns of the unit table: one slot per unit. */
class Columns {
  cap = 1024;
  status = new Uint8Array(this.cap);
  banking = new Uint8Array(this.cap);
  flags = new Uint8Array(this.cap);
  line = new Uint32Array(this.cap);
  custodyTo = new Uint32Array(this.cap);
  collectedAt = new Float64Array(this.cap);
  receivedAt = new Float64Array(this.cap);
  sterilityAt = new Float64Array(this.cap);
  custodyAt = new Float64Array(this.cap);
  /** custody parties are few and repeat: each is kept once */
  parties: string[] = [];
  partyIndex = new Map<string, number>();

  grow(): void {
    this.cap *= 2;
    const more = <T extends Uint8Array | Uint32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap);
      b.set(a);
      return b;
    };
    this.status = more(this.status);
    this.banking = more(this.banking);
    this.flags = more(this.flags);
    this.line = more(this.line);
    this.custodyTo = more(this.custodyTo);
    this.collectedAt = more(this.collectedAt);
    this.receivedAt = more(this.receivedAt);
    this.sterilityAt = more(this.sterilityAt);
    this.custodyAt = more(this.custodyAt);
  }

  party(p: string): number {
    let i = this.partyIndex.get(p);
    if (i === undefined) {
      i = this.parties.length;
      this.parties.push(p);
      this.partyIndex.set(p, i);
    }
    return i;
  }
}

const opt = (v: number) => (Number.isNaN(v) ? undefined : v);

/** A view of one unit's slot (short-lived: getters and setters on the prototype, two fields). */
class UnitRef implements UnitState {
  constructor(
    private readonly c: Columns,
    private readonly i: number,
  ) {}

  private flag(f: number, v: boolean | undefined): void {
    this.c.flags[this.i] = v ? this.c.flags[this.i] | f : this.c.flags[this.i] & ~f;
  }

  get status(): string {
    return IMPORTABLE_STATUSES[this.c.status[this.i]];
  }
  set status(v: string) {
    const k = (IMPORTABLE_STATUSES as readonly string[]).indexOf(v);
    if (k < 0) throw new Error(`not an importable status: ${v}`);
    this.c.status[this.i] = k;
  }
  get banking(): string {
    return BANKING[this.c.banking[this.i]];
  }
  set banking(v: string) {
    const k = (BANKING as readonly string[]).indexOf(v);
    this.c.banking[this.i] = k < 0 ? 0 : k;
  }
  get line(): number {
    return this.c.line[this.i];
  }
  set line(v: number) {
    this.c.line[this.i] = v;
  }
  get collectedAt(): number | undefined {
    return opt(this.c.collectedAt[this.i]);
  }
  set collectedAt(v: number | undefined) {
    this.c.collectedAt[this.i] = v ?? NOTHING;
  }
  get receivedAt(): number | undefined {
    return opt(this.c.receivedAt[this.i]);
  }
  set receivedAt(v: number | undefined) {
    this.c.receivedAt[this.i] = v ?? NOTHING;
  }
  get processed(): boolean {
    return (this.c.flags[this.i] & F_PROCESSED) !== 0;
  }
  set processed(v: boolean | undefined) {
    this.flag(F_PROCESSED, v);
  }
  get hla(): boolean {
    return (this.c.flags[this.i] & F_HLA) !== 0;
  }
  set hla(v: boolean | undefined) {
    this.flag(F_HLA, v);
  }
  get positioned(): boolean {
    return (this.c.flags[this.i] & F_POSITIONED) !== 0;
  }
  set positioned(v: boolean | undefined) {
    this.flag(F_POSITIONED, v);
  }
  get sterility(): { at: number; ok: boolean } | undefined {
    const at = opt(this.c.sterilityAt[this.i]);
    return at === undefined ? undefined : { at, ok: (this.c.flags[this.i] & F_STERILE) !== 0 };
  }
  set sterility(v: { at: number; ok: boolean } | undefined) {
    this.c.sterilityAt[this.i] = v?.at ?? NOTHING;
    this.flag(F_STERILE, v?.ok);
  }
  get custodyLast(): { to: string; at: number } | undefined {
    const at = opt(this.c.custodyAt[this.i]);
    return at === undefined ? undefined : { at, to: this.c.parties[this.c.custodyTo[this.i]] };
  }
  set custodyLast(v: { to: string; at: number } | undefined) {
    this.c.custodyAt[this.i] = v?.at ?? NOTHING;
    if (v) this.c.custodyTo[this.i] = this.c.party(v.to);
  }
}

export class UnitTable {
  private index = new Map<number, number>();
  private c = new Columns();
  private n = 0;

  get size(): number {
    return this.n;
  }

  has(din: string): boolean {
    return this.index.has(dinKey(din));
  }

  get(din: string): UnitState | undefined {
    const i = this.index.get(dinKey(din));
    return i === undefined ? undefined : new UnitRef(this.c, i);
  }

  set(din: string, u: UnitState): void {
    if (this.index.has(dinKey(din))) throw new Error(`unit ${din} is in the table`);
    if (this.n === this.c.cap) this.c.grow();
    const i = this.n++;
    this.index.set(dinKey(din), i);
    const c = this.c;
    c.collectedAt[i] = c.receivedAt[i] = c.sterilityAt[i] = c.custodyAt[i] = NOTHING;
    c.flags[i] = 0;
    const ref = new UnitRef(c, i);
    ref.status = u.status;
    ref.banking = u.banking;
    ref.line = u.line;
    ref.collectedAt = u.collectedAt;
    ref.receivedAt = u.receivedAt;
    ref.processed = u.processed;
    ref.hla = u.hla;
    ref.positioned = u.positioned;
    ref.sterility = u.sterility;
    ref.custodyLast = u.custodyLast;
  }

  *entries(): IterableIterator<[string, UnitState]> {
    for (const [k, i] of this.index) yield [dinOf(k), new UnitRef(this.c, i)];
  }

  [Symbol.iterator](): IterableIterator<[string, UnitState]> {
    return this.entries();
  }
}

/** Donor reference → banking type, with the type kept as a small number (refs are the only strings). */
export class DonorTable {
  private m = new Map<string, number>();

  has(ref: string): boolean {
    return this.m.has(ref);
  }

  get(ref: string): string | undefined {
    const k = this.m.get(ref);
    return k === undefined ? undefined : BANKING[k];
  }

  set(ref: string, banking: string): void {
    const k = (BANKING as readonly string[]).indexOf(banking);
    // a banking type the database holds but the files do not name is kept as "not known here"
    this.m.set(ref, k < 0 ? 0 : k);
  }
}

/** Position (freezer, rack, box, row, column) → the DIN given it, keyed by one number per position. */
export class PositionTable {
  private freezers = new Map<string, number>();
  private m = new Map<number, number>();

  private key(freezer: string, c: number[]): number {
    let f = this.freezers.get(freezer);
    if (f === undefined) {
      f = this.freezers.size;
      this.freezers.set(freezer, f);
    }
    // rack, box ≤ 1000 (10 bits each), row ≤ 26 (5 bits), column ≤ 99 (7 bits): 32 bits per freezer
    return f * 2 ** 32 + c[0] * 2 ** 22 + c[1] * 2 ** 12 + c[2] * 2 ** 7 + c[3];
  }

  get(freezer: string, c: number[]): string | undefined {
    const d = this.m.get(this.key(freezer, c));
    return d === undefined ? undefined : dinOf(d);
  }

  set(freezer: string, c: number[], din13: string): void {
    this.m.set(this.key(freezer, c), dinKey(din13));
  }
}
