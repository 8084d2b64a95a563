/**
 * An HLA allele name as the bank records and searches it, without the locus (WHO nomenclature for
 * factors of the HLA system, as DESIGN.md section 3 writes it: `02:01`): at least two fields — the
 * allele group and the specific protein, which is the resolution DRB1 is graded at — up to four, each
 * of 2–3 digits, separated by colons, with an optional expression suffix (N, L, S, C, A, Q). No
 * allele group is numbered 00, so `00:00` or `000:01` is a typing or transcription error.
 * One rule for every route that takes alleles: staff HLA typing, `hla.typed` lab events, corrections,
 * search and release requests.
 */
export const HLA_ALLELE = /^(?!0+:)\d{2,3}(:\d{2,3}){1,3}[NLSCAQ]?$/;

export const HLA_ALLELE_MESSAGE =
  'each allele must be written like 02:01 (two to four fields of 2–3 digits separated by colons, the first not 00; no locus prefix such as A*)';
