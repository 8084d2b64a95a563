import { DIN_PATTERN, mod37_2 } from '../common/din';

/**
 * ISBT 128 data structures (ST-001, Standard Technical Specification v6.2.2, section 2.4), as pure
 * encoders and decoders. Each structure is its data identifier followed by its data content; the
 * DIN is the one structure whose second data identifier character is also its first data character.
 *
 * Encoders take the record's values and return the barcode text (with data identifier); decoders
 * take the barcode text and return its fields, or throw an `IsbtReadError` naming what could not
 * be read. Times are encoded in UTC (the bank's records are in UTC; the label says so).
 */

export class IsbtReadError extends Error {
  constructor(
    message: string,
    /** 0-based position in the scanned text where reading failed */
    readonly at = 0,
  ) {
    super(message);
  }
}

export type StructureKind = 'din' | 'bloodGroups' | 'productCode' | 'expiration' | 'collection' | 'specialTesting' | 'compound';

/** Number, name, data identifier and content length of each supported structure (ST-001 Table 2). */
export const STRUCTURES: Record<StructureKind, { number: string; name: string; identifier: string; contentLength: number }> = {
  din: { number: '001', name: 'Donation Identification Number', identifier: '=', contentLength: 15 },
  bloodGroups: { number: '002', name: 'Blood Groups [ABO and RhD]', identifier: '=%', contentLength: 4 },
  productCode: { number: '003', name: 'Product Code', identifier: '=<', contentLength: 8 },
  expiration: { number: '005', name: 'Expiration Date and Time', identifier: '&>', contentLength: 10 },
  collection: { number: '007', name: 'Collection Date and Time', identifier: '&*', contentLength: 10 },
  specialTesting: { number: '010', name: 'Special Testing: General', identifier: '&(', contentLength: 5 },
  compound: { number: '023', name: 'Compound Message', identifier: '=+', contentLength: 5 },
};

// ---- 001 Donation Identification Number: =αppppyynnnnnnff -------------------------------------

export type FlagType = 'none' | 'iccbba' | 'local' | 'check' | 'reserved';

export interface DinFields {
  din: string;
  /** the ISO 7064 Mod 37-2 keyboard check character (eye-readable only, never in the barcode) */
  dinCheck: string;
  facility: string;
  year: string;
  sequence: string;
  flags: string;
  flagType: FlagType;
  /** a flag of type 3 (60–96) carries the check character: whether it matches the DIN */
  flagCheckValid?: boolean;
}

const MOD37_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

/** Type 3 flag (ST-001 Table 3): 60 + the Mod 37-2 check value of the 13 DIN characters. */
export function checkFlag(din: string): string {
  return String(60 + MOD37_CHARS.indexOf(mod37_2(din)));
}

/** `=` + DIN + flags. Flags default to the type 3 check flag, so a reader can verify the DIN. */
export function encodeDin(din: string, flags: string = checkFlag(din)): string {
  if (!DIN_PATTERN.test(din)) throw new RangeError(`${din} is not a 13-character DIN`);
  if (!/^[0-9A-HJ-NPR-Y]{2}$/.test(flags)) throw new RangeError(`flags ${flags} are not two flag characters`);
  return `=${din}${flags}`;
}

function flagType(ff: string): FlagType {
  if (ff === '00') return 'none';
  if (!/^\d\d$/.test(ff)) return 'reserved';
  const n = Number(ff);
  if (n <= 19 && n !== 14) return 'iccbba';
  if (n >= 20 && n <= 59) return 'local';
  if (n >= 60 && n <= 96) return 'check';
  return 'reserved';
}

export function decodeDin(text: string): DinFields {
  if (text[0] !== '=') throw new IsbtReadError('a Donation Identification Number starts with "="');
  const content = text.slice(1);
  if (content.length !== 15) throw new IsbtReadError(`a Donation Identification Number has 15 characters after "=" (αppppyynnnnnnff), this has ${content.length}`);
  const din = content.slice(0, 13);
  const ff = content.slice(13);
  if (!/^[A-NP-Z1-9]/.test(din)) throw new IsbtReadError('the first character of a DIN is A–N, P–Z or 1–9', 1);
  if (!DIN_PATTERN.test(din)) throw new IsbtReadError(`${din} is not a DIN this bank uses (a letter, 4 digits, 2-digit year, 6-digit sequence)`, 1);
  if (!/^[0-9A-HJ-NPR-Y]{2}$/.test(ff)) throw new IsbtReadError(`"${ff}" are not flag characters`, 14);
  const type = flagType(ff);
  const dinCheck = mod37_2(din);
  return {
    din, dinCheck, facility: din.slice(0, 5), year: din.slice(5, 7), sequence: din.slice(7), flags: ff, flagType: type,
    ...(type === 'check' ? { flagCheckValid: ff === checkFlag(din) } : {}),
  };
}

// ---- 002 Blood Groups [ABO and RhD]: =%ggre -----------------------------------------------------

export type Abo = 'O' | 'A' | 'B' | 'AB';
export type Rh = 'positive' | 'negative';

/** ST-001 Table 4, column "Default: Intended Use Not Specified" (and For Autologous Use Only). */
const ABO_RH_CODES: Record<string, { default: string; autologous: string }> = {
  'O negative': { default: '95', autologous: '97' },
  'O positive': { default: '51', autologous: '53' },
  'A negative': { default: '06', autologous: '08' },
  'A positive': { default: '62', autologous: '64' },
  'B negative': { default: '17', autologous: '19' },
  'B positive': { default: '73', autologous: '75' },
  'AB negative': { default: '28', autologous: '30' },
  'AB positive': { default: '84', autologous: '86' },
};
const GG_TO_ABO = new Map<string, { abo: Abo; rh: Rh; intendedUse: 'not specified' | 'for autologous use only' }>();
for (const [k, v] of Object.entries(ABO_RH_CODES)) {
  const [abo, rh] = k.split(' ') as [Abo, Rh];
  GG_TO_ABO.set(v.default, { abo, rh, intendedUse: 'not specified' });
  GG_TO_ABO.set(v.autologous, { abo, rh, intendedUse: 'for autologous use only' });
}
/** ST-001 Table 5: special messages in place of a blood group. */
const SPECIAL_MESSAGES: Record<string, string> = {
  '00': 'No ABO or Rh information is available', Ma: 'Autologous collection', Mb: 'Biohazardous', Md: 'Discard (to be destroyed)',
  Mf: 'For fractionation use only', Mq: 'Quarantine/hold for further testing or processing', Mr: 'For research use only', Mx: 'Not for transfusion based on test results',
};

export interface BloodGroupFields {
  abo: Abo | null;
  rh: Rh | null;
  intendedUse?: string;
  specialMessage?: string;
  /** r: Rh, Kell, Mi(a)/Mur phenotypes (ST-001 Table 6); '0' = no information */
  phenotype: string;
}

export function encodeBloodGroups(abo: Abo, rh: Rh, opts: { autologous?: boolean } = {}): string {
  const row = ABO_RH_CODES[`${abo} ${rh}`];
  if (!row) throw new RangeError(`no ISBT 128 code for ${abo} ${rh}`);
  return `=%${opts.autologous ? row.autologous : row.default}00`;
}

export function decodeBloodGroups(text: string): BloodGroupFields {
  if (!text.startsWith('=%')) throw new IsbtReadError('Blood Groups [ABO and RhD] start with "=%"');
  const c = text.slice(2);
  if (c.length !== 4) throw new IsbtReadError(`Blood Groups have 4 characters after "=%" (ggre), this has ${c.length}`);
  const gg = c.slice(0, 2);
  const r = c[2];
  const e = c[3];
  if (!/^[0-9A-Z]$/.test(r)) throw new IsbtReadError(`"${r}" is not a phenotype character`, 4);
  if (e !== '0') throw new IsbtReadError('the reserved last character of Blood Groups must be 0', 5);
  const group = GG_TO_ABO.get(gg);
  if (group) return { abo: group.abo, rh: group.rh, intendedUse: group.intendedUse, phenotype: r };
  if (SPECIAL_MESSAGES[gg]) return { abo: null, rh: null, specialMessage: SPECIAL_MESSAGES[gg], phenotype: r };
  throw new IsbtReadError(`blood group code "${gg}" is not one this system reads (ST-001 Tables 4 and 5: ABO/RhD groups and special messages)`, 2);
}

// ---- 003 Product Code: =<αooootds -----------------------------------------------------------------

/** ST-001 Table 7: type of collection, the 6th character of the product code. */
export const COLLECTION_TYPES: Record<string, string> = {
  '0': 'Not specified', V: 'Volunteer homologous (allogeneic)', R: 'Volunteer research', S: 'Volunteer source', T: 'Volunteer therapeutic',
  P: 'Paid homologous (allogeneic)', r: 'Paid research', s: 'Paid source', A: 'Autologous, eligible for crossover', '1': 'For autologous use only',
  X: 'For autologous use only, biohazard', D: 'Volunteer directed, eligible for crossover', d: 'Paid directed, eligible for crossover',
  '2': 'For directed recipient use only', L: 'For directed recipient use only, limited exposure', E: 'Medical exception, for specified recipient only (allogeneic)',
  Q: 'See (read) Special Testing bar code', '3': 'For directed recipient use only, biohazard', '4': 'Designated', '5': 'Dedicated', '6': 'Designated, biohazard',
  F: 'Family reserved', C: 'Replacement', '7': 'For allogeneic use', '8': 'For autologous use, contains allogeneic material',
  B: 'Directed/Dedicated/Designated Collection Use Only', H: 'Directed/Dedicated/Designated Collection/Biohazardous',
  J: 'Directed/Dedicated/Designated Collection/Eligible for Crossover', G: 'For Emergency Use Only',
};

export const PRODUCT_DESCRIPTION_CODE = /^[A-Z][A-Z0-9]{4}$/;

export interface ProductCodeFields {
  /** the Product Description Code αoooo */
  productDescriptionCode: string;
  collectionType: string;
  collectionTypeMeaning: string | null;
  division: string;
}

export function encodeProductCode(pdc: string, collectionType: string, division = '00'): string {
  if (!PRODUCT_DESCRIPTION_CODE.test(pdc)) throw new RangeError(`${pdc} is not a Product Description Code (a letter and 4 letters or digits)`);
  if (!/^[A-Za-z0-9]$/.test(collectionType)) throw new RangeError(`${collectionType} is not a collection type character`);
  if (!/^[A-Z0-9][a-z0-9]$/.test(division)) throw new RangeError(`${division} is not a division code`);
  return `=<${pdc}${collectionType}${division}`;
}

export function decodeProductCode(text: string): ProductCodeFields {
  if (!text.startsWith('=<')) throw new IsbtReadError('a Product Code starts with "=<"');
  const c = text.slice(2);
  if (c.length !== 8) throw new IsbtReadError(`a Product Code has 8 characters after "=<" (αooootds), this has ${c.length}`);
  const pdc = c.slice(0, 5);
  if (!PRODUCT_DESCRIPTION_CODE.test(pdc)) throw new IsbtReadError(`"${pdc}" is not a Product Description Code (a letter and 4 letters or digits)`, 2);
  const t = c[5];
  const ds = c.slice(6);
  if (!/^[A-Za-z0-9]$/.test(t)) throw new IsbtReadError(`"${t}" is not a collection type character`, 7);
  if (!/^[A-Z0-9][a-z0-9]$/.test(ds)) throw new IsbtReadError(`"${ds}" is not a division code (a capital letter or digit, then a lower-case letter or digit)`, 8);
  return { productDescriptionCode: pdc, collectionType: t, collectionTypeMeaning: COLLECTION_TYPES[t] ?? null, division: ds };
}

// ---- 005 Expiration and 007 Collection Date and Time: cyyjjjhhmm ---------------------------------

/** c = century (0 = 2000–2099), yy, jjj = day of the year, hh, mm; in UTC. */
export function encodeDateTime(at: Date): string {
  const y = at.getUTCFullYear();
  if (y < 2000 || y > 2999) throw new RangeError(`year ${y} is outside 2000–2999`);
  const c = Math.floor((y - 2000) / 100);
  const jan1 = Date.UTC(y, 0, 1);
  const day = Math.floor((Date.UTC(y, at.getUTCMonth(), at.getUTCDate()) - jan1) / 86_400_000) + 1;
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${c}${p(y % 100, 2)}${p(day, 3)}${p(at.getUTCHours(), 2)}${p(at.getUTCMinutes(), 2)}`;
}

export function decodeDateTime(content: string, offset = 0): Date {
  if (!/^\d{10}$/.test(content)) throw new IsbtReadError(`"${content}" is not cyyjjjhhmm (10 digits)`, offset);
  const year = 2000 + Number(content[0]) * 100 + Number(content.slice(1, 3));
  const day = Number(content.slice(3, 6));
  const hh = Number(content.slice(6, 8));
  const mm = Number(content.slice(8, 10));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day < 1 || day > (leap ? 366 : 365)) throw new IsbtReadError(`day of the year ${day} does not exist in ${year}`, offset + 3);
  if (hh > 23) throw new IsbtReadError(`hour ${hh} is not 00–23`, offset + 6);
  if (mm > 59) throw new IsbtReadError(`minute ${mm} is not 00–59`, offset + 8);
  return new Date(Date.UTC(year, 0, day, hh, mm));
}

export function encodeExpiration(at: Date): string {
  return `&>${encodeDateTime(at)}`;
}
export function encodeCollection(at: Date): string {
  return `&*${encodeDateTime(at)}`;
}

function decodeTimed(text: string, kind: 'expiration' | 'collection'): { at: string } {
  const { identifier, name } = STRUCTURES[kind];
  if (!text.startsWith(identifier)) throw new IsbtReadError(`${name} starts with "${identifier}"`);
  const c = text.slice(2);
  if (c.length !== 10) throw new IsbtReadError(`${name} has 10 characters after "${identifier}" (cyyjjjhhmm), this has ${c.length}`);
  return { at: decodeDateTime(c, 2).toISOString() };
}
export const decodeExpiration = (text: string) => decodeTimed(text, 'expiration');
export const decodeCollection = (text: string) => decodeTimed(text, 'collection');

// ---- 010 Special Testing: General: &(zzzzz --------------------------------------------------------

/** The 5-character code is interpreted through ICCBBA's Special Testing table (licensed): kept as read. */
export function encodeSpecialTesting(code: string): string {
  if (!/^[A-Z0-9]{5}$/.test(code)) throw new RangeError(`${code} is not a special testing code (5 capital letters or digits)`);
  return `&(${code}`;
}
export function decodeSpecialTesting(text: string): { code: string } {
  if (!text.startsWith('&(')) throw new IsbtReadError('Special Testing: General starts with "&("');
  const c = text.slice(2);
  if (!/^[A-Z0-9]{5}$/.test(c)) throw new IsbtReadError(`Special Testing: General has 5 capital letters or digits after "&(", this has "${c}"`, 2);
  return { code: c };
}

// ---- 023 Compound Message: =+aabbb, then the structures -------------------------------------------

/** An undefined-sequence compound message (bbb = 000, as ICCBBA now encourages). */
export function encodeCompound(structures: string[]): string {
  if (structures.length < 1 || structures.length > 99) throw new RangeError('a compound message holds 1 to 99 data structures');
  for (const s of structures) if (s.startsWith('=+')) throw new RangeError('a compound message can not hold another one');
  return `=+${String(structures.length).padStart(2, '0')}000${structures.join('')}`;
}

// ---- reading what a scanner typed ------------------------------------------------------------------

export interface DecodedStructure {
  kind: StructureKind;
  number: string;
  name: string;
  /** the structure's text as read, data identifier included */
  text: string;
  fields: Record<string, unknown>;
}

const DECODERS: Record<Exclude<StructureKind, 'compound'>, (t: string) => object> = {
  din: decodeDin, bloodGroups: decodeBloodGroups, productCode: decodeProductCode, expiration: decodeExpiration, collection: decodeCollection, specialTesting: decodeSpecialTesting,
};

/** Which structure begins at `text[i]`, by its data identifier; null when none of ours does. */
function kindAt(text: string, i: number): StructureKind | null {
  const two = text.slice(i, i + 2);
  for (const [kind, s] of Object.entries(STRUCTURES) as [StructureKind, (typeof STRUCTURES)[StructureKind]][]) {
    if (kind !== 'din' && s.identifier === two) return kind;
  }
  if (text[i] === '=' && /^[A-NP-Z1-9]$/.test(text[i + 1] ?? '')) return 'din';
  return null;
}

function readOne(text: string, i: number): DecodedStructure {
  const kind = kindAt(text, i);
  if (!kind) throw new IsbtReadError(`no ISBT 128 data structure this system reads begins with "${text.slice(i, i + 2)}"`, i);
  const s = STRUCTURES[kind];
  const length = kind === 'din' ? 1 + s.contentLength : s.identifier.length + s.contentLength;
  const piece = text.slice(i, i + length);
  try {
    const fields = kind === 'compound' ? decodeCompoundHeader(piece) : DECODERS[kind](piece);
    return { kind, number: s.number, name: s.name, text: piece, fields: fields as Record<string, unknown> };
  } catch (e) {
    if (e instanceof IsbtReadError) throw new IsbtReadError(`${s.name} (${s.number}): ${e.message}`, i + e.at);
    throw e;
  }
}

function decodeCompoundHeader(text: string): { count: number; sequence: string } {
  const c = text.slice(2);
  if (!/^\d{5}$/.test(c)) throw new IsbtReadError(`a compound message header is "=+" and 5 digits (aabbb), this has "${c}"`, 2);
  const count = Number(c.slice(0, 2));
  if (count < 1) throw new IsbtReadError('a compound message names at least one data structure', 2);
  return { count, sequence: c.slice(2) };
}

/**
 * Reads one data structure without its data identifier, as some scanners are set to send it: a DIN
 * (13 characters, 14 with the check character, 15 with the flags), a product code (αooootds) or a
 * blood group (ggre). Dates and times can not be told apart without their identifier.
 */
function readBare(text: string): DecodedStructure {
  if (/^[A-Z][0-9]{12}$/.test(text)) return readOne(`=${text}00`, 0);
  if (/^[A-Z][0-9]{12}[0-9A-Z*]$/.test(text)) {
    const check = mod37_2(text.slice(0, 13));
    if (text[13] !== check) throw new IsbtReadError(`the check character of ${text.slice(0, 13)} is ${check}, not ${text[13]}`, 13);
    return readOne(`=${text.slice(0, 13)}00`, 0);
  }
  if (/^[A-Z][0-9]{12}[0-9A-Z]{2}$/.test(text)) return readOne(`=${text}`, 0);
  if (/^[A-Z][A-Z0-9]{4}[A-Za-z0-9][A-Z0-9][a-z0-9]$/.test(text)) return readOne(`=<${text}`, 0);
  if (/^[0-9A-Za-z]{2}[0-9A-Z]0$/.test(text)) return readOne(`=%${text}`, 0);
  if (/^\d{10}$/.test(text)) throw new IsbtReadError('10 digits are a date and time (cyyjjjhhmm), but without their data identifier ("&>" expiration, "&*" collection) it can not be told which');
  throw new IsbtReadError('this is not an ISBT 128 data structure this system reads (with or without its data identifier)');
}

/**
 * What a keyboard-wedge scanner typed: one data structure (with or without its data identifier) or
 * a compound message. Surrounding whitespace and an AIM symbology identifier (`]C0`, `]d1` …) are
 * dropped. Returns the structures in order (the compound header first); throws IsbtReadError
 * naming what could not be read and where.
 */
export function readScan(raw: string): DecodedStructure[] {
  let text = raw.replace(/^[\s\u0000-\u001f]+|[\s\u0000-\u001f]+$/g, '');
  const aim = /^\][A-Za-z][0-9A-Za-z]/.exec(text);
  if (aim) text = text.slice(3);
  if (!text) throw new IsbtReadError('nothing was scanned');
  if (text.length > 2000) throw new IsbtReadError('more than 2,000 characters: not an ISBT 128 label');
  if (!/^[\x21-\x7e]+$/.test(text)) {
    const bad = [...text].findIndex((ch) => !/[\x21-\x7e]/.test(ch));
    throw new IsbtReadError(`character ${JSON.stringify(text[bad])} at position ${bad + 1} is not in an ISBT 128 data structure`, bad);
  }
  if (!kindAt(text, 0) && text[0] !== '=' && text[0] !== '&') return [readBare(text)];
  const first = readOne(text, 0);
  if (first.kind !== 'compound') {
    if (first.text.length !== text.length) throw new IsbtReadError(`${first.name} ends at position ${first.text.length}, but ${text.length - first.text.length} more characters follow ("${text.slice(first.text.length, first.text.length + 20)}")`, first.text.length);
    return [first];
  }
  const out = [first];
  const count = (first.fields as { count: number }).count;
  let i = first.text.length;
  for (let n = 0; n < count; n++) {
    if (i >= text.length) throw new IsbtReadError(`the compound message names ${count} data structures, only ${n} follow`, i);
    const s = readOne(text, i);
    if (s.kind === 'compound') throw new IsbtReadError('a compound message can not hold another compound message', i);
    out.push(s);
    i += s.text.length;
  }
  if (i !== text.length) throw new IsbtReadError(`the compound message names ${count} data structures, but more characters follow ("${text.slice(i, i + 20)}")`, i);
  return out;
}
