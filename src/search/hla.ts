import { HLA_ALLELE } from '../common/hla-allele';

/**
 * HLA matching for cord blood (DESIGN.md section 5; FACT-NetCord and the NMDP/CIBMTR cord blood
 * unit selection guidelines): the match grade counts HLA-A and HLA-B at antigen level (the first
 * field, `02` of `02:01`) and HLA-DRB1 at allele level (the first two fields, `15:01`).
 *
 * Mismatches per locus are counted in both directions and the larger count is kept:
 * - graft-versus-host (GvH): the patient's alleles the unit lacks (the graft sees them as foreign);
 * - host-versus-graft (HvG, rejection): the unit's alleles the patient lacks.
 * So a homozygous patient `02:01, 02:01` against a unit `02:01, 03:01` has one HvG-only mismatch,
 * and a heterozygous patient `02:01, 03:01` against a homozygous unit `02:01, 02:01` one GvH-only
 * mismatch: both count 1, and the direction is reported so a transplant physician can tell them apart
 * (HvG-only mismatches carry more graft failure; Stevens et al., Blood 2011). A unit allele typed below
 * the level a locus is graded at (a one-field DRB1) can not be shown to match and counts as mismatched.
 *
 * The database computes the same counts for search (migration UnitSearch: unit_search and its indexes);
 * the e2e tests keep the two equal.
 */

export const GRADED_LOCI = ['A', 'B', 'DRB1'] as const;
export const OTHER_LOCI = ['C', 'DQB1'] as const;
export type GradedLocus = (typeof GRADED_LOCI)[number];
export type Locus = GradedLocus | (typeof OTHER_LOCI)[number];

/** The level each graded locus is compared at; C and DQB1 (reported, not graded) at allele level. */
export const LOCUS_LEVEL: Record<Locus, 'antigen' | 'allele'> = { A: 'antigen', B: 'antigen', DRB1: 'allele', C: 'allele', DQB1: 'allele' };

/**
 * A patient's allele as a search or a request takes it: the one allele rule of the bank
 * (src/common/hla-allele.ts: `02:01`, `15:01:01`; `A*02:01`, `2:1`, `02` and `00:00` are refused).
 */
export const PATIENT_ALLELE = HLA_ALLELE;

/** Minimum grade offered by default, and below which an unrelated unit is not reserved. */
export const MIN_MATCH_DEFAULT = 4;

/** FACT-NetCord / NMDP guidance: offer a warning below 2.5 × 10^7 total nucleated cells per kg. */
export const DOSE_THRESHOLD_TNC_PER_KG = 2.5e7;

export type Typing = Partial<Record<Locus, readonly string[] | null | undefined>>;

/** The first field of an allele name as a number (`02:01` → 2), or null when it has none. */
export function antigenOf(allele: string | null | undefined): number | null {
  const m = typeof allele === 'string' ? /^(\d{2,3})/.exec(allele) : null;
  return m ? Number(m[1]) : null;
}

/** The first two fields as one number (`15:01` → 15001), or null when typed at one field only. */
export function alleleKeyOf(allele: string | null | undefined): number | null {
  const m = typeof allele === 'string' ? /^(\d{2,3}):(\d{2,3})/.exec(allele) : null;
  return m ? Number(m[1]) * 1000 + Number(m[2]) : null;
}

/** The comparable key of an allele at the level its locus is compared at; -1 when it can not be compared. */
export function keyOf(locus: Locus, allele: string | null | undefined): number {
  const k = LOCUS_LEVEL[locus] === 'antigen' ? antigenOf(allele) : alleleKeyOf(allele);
  return k ?? -1;
}

/** What the two fields are called in a response: `02` for antigen level, `15:01` for allele level. */
export function levelName(locus: Locus, allele: string): string {
  if (LOCUS_LEVEL[locus] === 'antigen') return /^(\d{2,3})/.exec(allele)?.[1] ?? allele;
  return /^(\d{2,3}:\d{2,3})/.exec(allele)?.[1] ?? allele;
}

export type Direction = 'graft_versus_host' | 'host_versus_graft' | 'bidirectional';

export interface LocusMismatch {
  locus: Locus;
  level: 'antigen' | 'allele';
  /** max(GvH, HvG): what the grade counts (0 is not reported) */
  count: number;
  /** patient alleles the unit lacks */
  graftVersusHost: number;
  /** unit alleles the patient lacks */
  hostVersusGraft: number;
  direction: Direction;
  patient: string[];
  unit: string[];
}

/**
 * Mismatches at one locus between two typings of two alleles each (a homozygous typing lists the
 * allele twice). Each of the patient's two alleles that has no equal in the unit is a GvH mismatch,
 * each of the unit's two that has no equal in the patient an HvG one; the locus counts the larger.
 */
export function locusMismatch(locus: Locus, patient: readonly string[], unit: readonly string[]): LocusMismatch {
  const p = patient.map((a) => keyOf(locus, a));
  const u = unit.map((a) => keyOf(locus, a));
  // -1 (not comparable) never equals anything, including another -1
  const has = (set: number[], k: number) => k >= 0 && set.includes(k);
  const gvh = p.filter((k) => !has(u, k)).length;
  const hvg = u.filter((k) => !has(p, k)).length;
  const count = Math.max(gvh, hvg);
  const direction: Direction = gvh > 0 && hvg > 0 ? 'bidirectional' : gvh > 0 ? 'graft_versus_host' : 'host_versus_graft';
  return {
    locus,
    level: LOCUS_LEVEL[locus],
    count,
    graftVersusHost: gvh,
    hostVersusGraft: hvg,
    direction,
    patient: patient.map((a) => levelName(locus, a)),
    unit: unit.map((a) => levelName(locus, a)),
  };
}

export interface MatchResult {
  /** 0–6: matched antigens/alleles of the six graded */
  matches: number;
  /** `'6/6'` … `'0/6'` */
  grade: string;
  /** the graded loci that mismatch (A, B, DRB1), in that order */
  mismatches: LocusMismatch[];
  /** C and DQB1 when both sides are typed: reported, not graded */
  otherMismatches: LocusMismatch[];
}

function twoAlleles(t: readonly string[] | null | undefined): t is readonly string[] {
  return Array.isArray(t) && t.length === 2;
}

/**
 * The match grade of a unit for a patient (DESIGN.md section 5): 6 minus the mismatches counted at
 * A, B (antigen) and DRB1 (allele). Null when either side lacks a graded locus (an untyped family unit).
 */
export function gradeMatch(patient: Typing, unit: Typing | null | undefined): MatchResult | null {
  if (!unit) return null;
  const mismatches: LocusMismatch[] = [];
  let total = 0;
  for (const locus of GRADED_LOCI) {
    const p = patient[locus];
    const u = unit[locus];
    if (!twoAlleles(p) || !twoAlleles(u)) return null;
    const m = locusMismatch(locus, p, u);
    total += m.count;
    if (m.count > 0) mismatches.push(m);
  }
  const otherMismatches: LocusMismatch[] = [];
  for (const locus of OTHER_LOCI) {
    const p = patient[locus];
    const u = unit[locus];
    if (!twoAlleles(p) || !twoAlleles(u)) continue;
    const m = locusMismatch(locus, p, u);
    if (m.count > 0) otherMismatches.push(m);
  }
  const matches = 6 - total;
  return { matches, grade: `${matches}/6`, mismatches, otherMismatches };
}

/**
 * The six numbers the search index compares, sorted per locus (low, high): A and B antigens, DRB1
 * allele keys; -1 where an allele can not be compared. Mirrors the database's unit_search columns.
 */
export function searchKeys(t: Typing): { a: [number, number]; b: [number, number]; d: [number, number] } {
  const pair = (locus: GradedLocus): [number, number] => {
    const alleles = t[locus] ?? [];
    const k = [keyOf(locus, alleles[0]), keyOf(locus, alleles[1])];
    return [Math.min(k[0], k[1]), Math.max(k[0], k[1])];
  };
  return { a: pair('A'), b: pair('B'), d: pair('DRB1') };
}

export interface CellDose {
  /** total nucleated cells per kg of patient weight */
  tncPerKg: number;
  cd34PerKg: number | null;
  /** true below 2.5 × 10^7 TNC/kg */
  doseWarning: boolean;
}

/** Cell dose (DESIGN.md section 5): unit TNC / patient weight, and CD34+ / weight. */
export function cellDose(tncCount: number, cd34Count: number | null | undefined, weightKg: number): CellDose {
  if (!(weightKg > 0)) throw new RangeError('weightKg must be positive');
  const tncPerKg = tncCount / weightKg;
  return {
    tncPerKg,
    cd34PerKg: cd34Count === null || cd34Count === undefined ? null : cd34Count / weightKg,
    doseWarning: tncPerKg < DOSE_THRESHOLD_TNC_PER_KG,
  };
}
