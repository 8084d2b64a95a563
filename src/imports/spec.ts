import { DIN_PATTERN, mod37_2 } from '../common/din';
import { HLA_ALLELE } from '../common/hla-allele';

/**
 * The CSV files of an inventory import and their columns (README "Bulk import" documents the same
 * table; `test/imports.e2e-spec.ts` checks that every column listed here is in it). Every file is
 * RFC 4180 CSV, UTF-8, with a header line naming its columns in any order; an unknown column refuses
 * the whole file (a typo must not silently drop data). Times are ISO 8601 with a zone (`Z` or
 * `+01:00`), dates `YYYY-MM-DD`.
 */
export type ColumnType =
  | { kind: 'text'; max: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'date' }
  | { kind: 'time' }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'din' }
  | { kind: 'hla' };

export interface Column {
  name: string;
  required: boolean;
  type: ColumnType;
  doc: string;
}

export interface FileSpec {
  /** the file name in the import directory */
  file: string;
  /** the key of the file in the manifest and in the phases */
  key: FileKey;
  doc: string;
  columns: Column[];
}

export type FileKey = 'donors' | 'consents' | 'idm_results' | 'freezers' | 'units' | 'collections' | 'results' | 'custody' | 'positions';

const text = (max = 200): ColumnType => ({ kind: 'text', max });
const oneOf = (values: readonly string[]): ColumnType => ({ kind: 'enum', values });
const between = (min: number, max: number): ColumnType => ({ kind: 'number', min, max });
const time: ColumnType = { kind: 'time' };
const yesNo: ColumnType = { kind: 'boolean' };
const din: ColumnType = { kind: 'din' };
const req = (name: string, type: ColumnType, doc: string): Column => ({ name, required: true, type, doc });
const opt = (name: string, type: ColumnType, doc: string): Column => ({ name, required: false, type, doc });
/** A file of the import: `<key>.csv`. */
const csvFile = (key: FileKey, doc: string, columns: Column[]): FileSpec => ({ file: `${key}.csv`, key, doc, columns });

/** The columns by which a file names a donor or a unit of an earlier file. */
const DONOR_REF = req('donor_ref', text(40), 'a donor of donors.csv');
const UNIT_DIN = req('din', din, 'a unit of units.csv');
/** A freezer's layout bounds, the same in freezers.csv and in positions.csv. */
const RACKS = between(1, 1000);
const BOXES = between(1, 1000);
const ROWS = between(1, 26);
const COLUMNS = between(1, 99);

export const IMPORTABLE_STATUSES = ['collected', 'received', 'processed', 'quarantine', 'available'] as const;
export const STORABLE_STATUSES = ['quarantine', 'available'];
const IDM_MARKERS = ['HIV-1', 'HIV-2', 'HBsAg', 'anti-HBc', 'HCV', 'HTLV-I/II', 'syphilis', 'syphilis-treponemal', 'WNV', 'T. cruzi', 'CMV'];
export const CUSTODY_KINDS = ['collection', 'receipt', 'storage', 'retrieval', 'shipment', 'delivery', 'manual'];

/** In the order they are applied: each file refers only to the ones before it. */
export const FILES: readonly FileSpec[] = [
  csvFile('donors', 'The birth mothers. `donor_ref` is the donor number as the previous system issued it; it becomes the donor number here.', [
    req('donor_ref', text(40), 'donor number as issued (unique; not of the form D + 7 digits, which this bank issues)'),
    req('first_name', text(), 'first name'),
    req('last_name', text(), 'last name'),
    req('date_of_birth', { kind: 'date' }, 'date of birth'),
    req('banking_type', oneOf(['public', 'family']), 'public or family banking'),
    opt('email', text(320), 'e-mail'),
    opt('phone', text(40), 'phone'),
    opt('ethnicity', text(100), 'ethnicity as recorded'),
  ]),
  csvFile('consents', 'Signed consents.', [
    DONOR_REF,
    req('type', oneOf(['public_donation', 'family_storage', 'research']), 'consent type'),
    req('form_version', text(50), 'version of the consent form signed'),
    req('signed_at', time, 'when it was signed'),
  ]),
  csvFile('idm_results', 'Maternal infectious disease marker results (21 CFR 1271.80/85).', [
    DONOR_REF,
    req('marker', oneOf(IDM_MARKERS), 'marker'),
    req('result', oneOf(['negative', 'positive', 'indeterminate']), 'result'),
    req('sample_drawn_at', time, 'when the sample was drawn'),
    opt('tested_at', time, 'when it was tested (not before the sample)'),
    req('test_kit', text(200), 'the test kit: FDA-licensed, approved or cleared (21 CFR 1271.80(c))'),
    req('method', oneOf(['NAT', 'serology']), 'test method (21 CFR 1271.80(c))'),
    req('lab', text(200), 'testing laboratory'),
    req('lab_clia_number', text(40), "the laboratory's CLIA certificate number (21 CFR 1271.80(c))"),
    req('transfused_before_sample', yesNo, 'the donor was transfused or infused before the sample (true/false; 21 CFR 1271.80(d)(2))'),
    opt('dilution_acceptable', yesNo, "required when transfused: the plasma-dilution algorithm's acceptance of the sample (true/false)"),
  ]),
  csvFile('freezers', 'The freezer layout: each row creates a freezer with all its racks, boxes and positions.', [
    req('name', text(100), 'freezer name (unique; not of the form F + digits)'),
    req('type', oneOf(['liquid_nitrogen', 'vapor_phase', 'mechanical']), 'freezer type'),
    req('racks', RACKS, 'racks'),
    req('boxes_per_rack', BOXES, 'boxes per rack'),
    req('rows_per_box', ROWS, 'rows per box (A–Z)'),
    req('columns_per_box', COLUMNS, 'columns per box'),
    opt('max_temperature_c', between(-273, 40), 'alarm limit, °C (default -150)'),
  ]),
  csvFile('units', 'The cord blood units with their DINs as issued (any facility identification number).', [
    req('din', din, 'ISBT 128 DIN as issued, with its check character (14 characters); any facility'),
    DONOR_REF,
    req('status', oneOf(IMPORTABLE_STATUSES), 'status to reach: collected, received, processed, quarantine or available'),
    opt('received_at', time, 'receipt at the processing laboratory (required from received on)'),
    opt('receipt_temperature_ok', yesNo, 'shipping temperature acceptable (true/false)'),
  ]),
  csvFile('collections', 'One birth collection per unit.', [
    UNIT_DIN,
    req('hospital', text(), 'collection site'),
    req('collected_by', text(), 'who collected'),
    req('birth_at', time, 'birth'),
    req('collected_at', time, 'collection (not before birth)'),
    req('delivery_type', oneOf(['vaginal', 'cesarean']), 'delivery'),
    req('gestational_age_weeks', between(20, 45), 'gestational age, weeks'),
    req('method', oneOf(['in_utero', 'ex_utero']), 'collection method'),
    opt('bag_lot', text(100), 'collection bag lot'),
    opt('gross_volume_ml', between(0.1, 100000), 'gross volume, mL'),
  ]),
  csvFile('results', 'Processing, HLA, ABO/Rh and sterility results; the newest of each kind is the unit\'s current value, all are kept.', [
    UNIT_DIN,
    req('kind', oneOf(['processing', 'hla', 'abo', 'sterility']), 'result kind'),
    req('occurred_at', time, 'when processed / typed / resulted (not before the collection)'),
    opt('volume_ml', between(0.01, 100000), 'processing: volume, mL (required)'),
    opt('tnc_count', between(0, 1e15), 'processing: total nucleated cells (required)'),
    opt('cd34_count', between(0, 1e15), 'processing: CD34+ cells (required)'),
    opt('viability_pct', between(0, 100), 'processing: viability % (required)'),
    opt('processing_method', text(100), 'processing: method'),
    opt('hla', { kind: 'hla' }, 'hla: loci as `A=02:01/24:02;B=07:02/44:02;DRB1=15:01/04:01` (required)'),
    opt('hla_resolution', text(50), 'hla: resolution (required)'),
    opt('abo', oneOf(['O', 'A', 'B', 'AB']), 'abo: group (required)'),
    opt('rh', oneOf(['positive', 'negative']), 'abo: Rh (required)'),
    opt('sterility_aerobic', oneOf(['negative', 'positive']), 'sterility: aerobic culture (required)'),
    opt('sterility_anaerobic', oneOf(['negative', 'positive']), 'sterility: anaerobic culture (required)'),
    opt('sterility_organism', text(200), 'sterility: organism identified'),
  ]),
  csvFile('custody', 'The chain of custody of each unit, in time order: the first event has no `from_party`, each next one\'s `from_party` is the previous `to_party`.', [
    UNIT_DIN,
    req('kind', oneOf(CUSTODY_KINDS), 'collection, receipt, storage, retrieval, shipment, delivery or manual'),
    opt('from_party', text(), 'who handed the unit over (empty for the first event only)'),
    req('to_party', text(), 'who took it'),
    opt('location', text(), 'where'),
    req('handed_over_at', time, 'when (in time order per unit)'),
    opt('condition', text(), 'condition noted'),
  ]),
  csvFile('positions', 'Where each stored unit is: one position per unit and one unit per position, in a freezer of freezers.csv or one already here.', [
    req('din', din, 'a unit of units.csv in quarantine or available'),
    req('freezer', text(100), 'freezer name'),
    req('rack', RACKS, 'rack number'),
    req('box', BOXES, 'box number in the rack'),
    req('row', ROWS, 'row in the box (1 = A)'),
    req('column', COLUMNS, 'column in the box'),
    opt('stored_at', time, 'when it was stored there'),
  ]),
];

export type Row = Record<string, string>;

/** A timestamp with an explicit zone, so a local time of the old system is never guessed. */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HLA_LOCI = ['A', 'B', 'C', 'DRB1', 'DQB1', 'DPB1'];

/** The HLA column `A=02:01/24:02;B=...` as the unit's `hla` object, or a message. */
export function parseHla(v: string): Record<string, string[]> | string {
  const out: Record<string, string[]> = {};
  for (const part of v.split(';')) {
    const [locus, alleles, extra] = part.split('=');
    if (extra !== undefined || !locus || !alleles || !HLA_LOCI.includes(locus.trim())) return `"${part}" is not LOCUS=allele/allele with a locus among ${HLA_LOCI.join(', ')}`;
    const list = alleles.split('/').map((a) => a.trim());
    if (list.length < 1 || list.length > 2 || list.some((a) => !HLA_ALLELE.test(a))) return `the alleles of ${locus} must be one or two like 02:01, separated by /`;
    out[locus.trim()] = list;
  }
  return out;
}

/** A message when `v` is not a valid value of `c`, else undefined (an empty value is "absent"). */
export function checkValue(c: Column, v: string): string | undefined {
  if (v === '') return c.required ? 'is required' : undefined;
  const t = c.type;
  switch (t.kind) {
    case 'text':
      if (v.trim() === '') return 'is blank';
      return v.length > t.max ? `is longer than ${t.max} characters` : undefined;
    case 'enum':
      return t.values.includes(v) ? undefined : `must be one of ${t.values.join(', ')}`;
    case 'date':
      return DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) ? undefined : 'must be a date YYYY-MM-DD';
    case 'time':
      return TIME.test(v) && !Number.isNaN(Date.parse(v)) ? undefined : 'must be an ISO 8601 time with a zone, e.g. 2024-03-01T08:30:00Z';
    case 'number': {
      if (!/^-?\d+(\.\d+)?(e\d+)?$/i.test(v)) return 'must be a number';
      const n = Number(v);
      return n >= t.min && n <= t.max ? undefined : `must be between ${t.min} and ${t.max}`;
    }
    case 'boolean':
      return v === 'true' || v === 'false' ? undefined : 'must be true or false';
    case 'din': {
      if (v.length !== 14 || !DIN_PATTERN.test(v.slice(0, 13))) return 'must be a 14-character ISBT 128 DIN with its check character (a letter, 4 digits, 2-digit year, 6-digit sequence, check character)';
      // never name the right character: a mistyped DIN "corrected" with it would name another unit
      return mod37_2(v.slice(0, 13)) === v[13] ? undefined : `check character ${v[13]} does not match the DIN ${v.slice(0, 13)} (ISO 7064 Mod 37-2)`;
    }
    case 'hla': {
      const h = parseHla(v);
      return typeof h === 'string' ? h : undefined;
    }
  }
}

/** Control characters other than tab, CR, LF never belong in an inventory file. */
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
