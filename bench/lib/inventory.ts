import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { mod37_2 } from '../../src/common/din';
import { randomTyping } from './hla';
import { Rng } from './random';

export interface InventoryOptions {
  units: number;
  /** distinguishes donor refs, freezer names and DIN years between inventories in one database */
  tag: string;
  /** two-digit DIN year (the tag's DINs never collide with another tag's when the years differ) */
  year: number;
  /**
   * `bank` (the seed): a bank's mix instead of the fixed one: 20 % family units, statuses 3 % collected,
   * 3 % received, 4 % processed, 15 % quarantine, 75 % available, HLA-A/B/C/DRB1/DQB1 from the allele
   * frequency tables of bench/lib/hla.ts, log-normal cell counts, 40 hospitals; each unit's records only
   * as far as its status (a collected unit has its collection and first custody event, no results).
   */
  mix?: 'fixed' | 'bank';
  /** the seed of the `bank` mix */
  seed?: number;
  /** called every 10,000 units (the seed's progress) */
  onProgress?: (units: number) => void;
}

/** Facilities of the DINs as issued: the import takes any facility identification number. */
const FACILITIES = ['W1234', 'A9876', 'G0420', 'V5555'];
const POSITIONS_PER_FREEZER = 10 * 10 * 10 * 10;

/**
 * Writes a consistent inventory (README "Bulk import" files) of `units` units, streamed file by
 * file: one donor per unit with a consent and two IDM results, a collection, processing, HLA, ABO
 * and sterility results, a custody chain collection → receipt → storage, and a position for every
 * unit in quarantine or available. Four units in five are available, the rest quarantine.
 */
export async function writeInventory(dir: string, o: InventoryOptions): Promise<{ units: number; dins: string[] }> {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, WriteStream> = {};
  const header: Record<string, string> = {
    donors: 'donor_ref,first_name,last_name,date_of_birth,banking_type,email',
    consents: 'donor_ref,type,form_version,signed_at',
    idm_results: 'donor_ref,marker,result,sample_drawn_at,tested_at,test_kit,method,lab,lab_clia_number,transfused_before_sample',
    freezers: 'name,type,racks,boxes_per_rack,rows_per_box,columns_per_box',
    units: 'din,donor_ref,status,received_at,receipt_temperature_ok',
    collections: 'din,hospital,collected_by,birth_at,collected_at,delivery_type,gestational_age_weeks,method',
    results: 'din,kind,occurred_at,volume_ml,tnc_count,cd34_count,viability_pct,hla,hla_resolution,abo,rh,sterility_aerobic,sterility_anaerobic',
    custody: 'din,kind,from_party,to_party,location,handed_over_at',
    positions: 'din,freezer,rack,box,row,column,stored_at',
  };
  for (const [k, h] of Object.entries(header)) {
    files[k] = createWriteStream(join(dir, `${k}.csv`));
    files[k].write(`${h}\n`);
  }
  const write = async (k: string, line: string) => {
    if (!files[k].write(`${line}\n`)) await once(files[k], 'drain');
  };
  const freezerCount = Math.max(1, Math.ceil(o.units / POSITIONS_PER_FREEZER));
  for (let f = 1; f <= freezerCount; f++) await write('freezers', `Import ${o.tag} tank ${f},vapor_phase,10,10,10,10`);
  const dins: string[] = [];
  let storedIx = 0;
  const base = Date.UTC(2000 + o.year, 0, 1);
  const iso = (ms: number) => new Date(ms).toISOString();
  const bank = o.mix === 'bank';
  for (let i = 0; i < o.units; i++) {
    const rng = bank ? Rng.for(o.seed ?? 7, i) : undefined;
    const ref = `${o.tag}-${i}`;
    const facility = FACILITIES[i % FACILITIES.length];
    const din13 = `${facility}${String(o.year).padStart(2, '0')}${String(i + 1).padStart(6, '0')}`;
    const din = din13 + mod37_2(din13);
    if (dins.length < 1000) dins.push(din13);
    const birth = base + (i % 300) * 86_400_000 + (i % 1000) * 1000;
    let status = i % 5 === 4 ? 'quarantine' : 'available';
    let banking = 'public';
    if (rng) {
      const r = rng.next();
      status = r < 0.03 ? 'collected' : r < 0.06 ? 'received' : r < 0.1 ? 'processed' : r < 0.25 ? 'quarantine' : 'available';
      banking = rng.chance(0.2) ? 'family' : 'public';
    }
    const stage = ['collected', 'received', 'processed', 'quarantine', 'available'].indexOf(status);
    const hospital = rng ? `Maternity ${1 + (i % 40)}` : 'St Mary';
    await write('donors', `${ref},Mother${i},Family${i % 977},1990-0${1 + (i % 9)}-1${i % 10},${banking},m${i}@example.test`);
    await write('consents', `${ref},${banking === 'family' ? 'family_storage' : 'public_donation'},v3,${iso(birth - 30 * 86_400_000)}`);
    await write('idm_results', `${ref},HIV-1,negative,${iso(birth - 86_400_000)},${iso(birth)},Procleix Ultrio Elite (FDA-licensed),NAT,Central lab,05D1234567,false`);
    await write('idm_results', `${ref},HBsAg,negative,${iso(birth - 86_400_000)},${iso(birth)},Procleix Ultrio Elite (FDA-licensed),NAT,Central lab,05D1234567,false`);
    const collected = birth + 600_000;
    const received = collected + 6 * 3_600_000;
    await write('units', stage >= 1 ? `${din},${ref},${status},${iso(received)},true` : `${din},${ref},${status},,`);
    await write('collections', `${din},${hospital},Midwife ${i % 40},${iso(birth)},${iso(collected)},${rng?.chance(0.3) ? 'cesarean' : 'vaginal'},39.5,ex_utero`);
    if (stage >= 2) {
      const tnc = rng ? rng.logNormal(1.2e9, 1.5).toFixed(0) : (1.2e9 + i * 1000).toFixed(0);
      const cd34 = rng ? rng.logNormal(4e6, 1.8).toFixed(0) : '4000000';
      await write('results', `${din},processing,${iso(received + 3_600_000)},25,${tnc},${cd34},95,,,,,,`);
      const t = rng ? randomTyping(rng) : undefined;
      const hla = t ? `A=${t.A.join('/')};B=${t.B.join('/')};C=${t.C.join('/')};DRB1=${t.DRB1.join('/')};DQB1=${t.DQB1.join('/')}` : 'A=02:01/24:02;B=07:02/44:02;DRB1=15:01/04:01';
      await write('results', `${din},hla,${iso(received + 86_400_000)},,,,,${hla},high,,,,`);
      await write('results', `${din},abo,${iso(received + 86_400_000)},,,,,,,${rng ? rng.pick(['O', 'O', 'A', 'A', 'B', 'AB']) : 'O'},${rng?.chance(0.15) ? 'negative' : 'positive'},,`);
    }
    if (stage >= 3) await write('results', `${din},sterility,${iso(received + 14 * 86_400_000)},,,,,,,,,negative,negative`);
    const stored = received + 4 * 3_600_000;
    await write('custody', `${din},collection,,Midwife ${i % 40} (${hospital}),${hospital},${iso(collected)}`);
    if (stage >= 1) await write('custody', `${din},receipt,Midwife ${i % 40} (${hospital}),Processing laboratory,Processing laboratory,${iso(received)}`);
    if (stage >= 3) {
      const freezer = Math.floor(storedIx / POSITIONS_PER_FREEZER);
      const p = storedIx % POSITIONS_PER_FREEZER;
      storedIx++;
      const [rack, box, row, col] = [Math.floor(p / 1000) + 1, (Math.floor(p / 100) % 10) + 1, (Math.floor(p / 10) % 10) + 1, (p % 10) + 1];
      await write('custody', `${din},storage,Processing laboratory,Cryostorage,Import ${o.tag} tank ${freezer + 1},${iso(stored)}`);
      await write('positions', `${din},Import ${o.tag} tank ${freezer + 1},${rack},${box},${row},${col},${iso(stored)}`);
    }
    if ((i + 1) % 10_000 === 0) o.onProgress?.(i + 1);
  }
  await Promise.all(Object.values(files).map((s) => new Promise((r) => s.end(r))));
  return { units: o.units, dins };
}
