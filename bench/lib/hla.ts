import { Rng, Weighted } from './random';

/**
 * HLA typings with realistic allele frequencies: for each locus a head of common alleles with
 * approximate frequencies of a European-ancestry donor population (NMDP / allelefrequencies.net
 * orders of magnitude), a long tail of rare alleles (Zipf-weighted, about 4 % of the mass), and a
 * few common extended haplotypes (linkage disequilibrium: A*01–B*08–DRB1*03 and friends), so that
 * search sees what a registry sees: many near matches for common types, few for rare ones.
 */
export type Locus = 'A' | 'B' | 'C' | 'DRB1' | 'DQB1';
export const LOCI: readonly Locus[] = ['A', 'B', 'C', 'DRB1', 'DQB1'];
export type Typing = Record<Locus, [string, string]>;

const HEAD: Record<Locus, [string, number][]> = {
  A: [
    ['02:01', 0.295], ['01:01', 0.16], ['03:01', 0.14], ['24:02', 0.09], ['11:01', 0.06], ['68:01', 0.035], ['29:02', 0.03], ['32:01', 0.03],
    ['26:01', 0.03], ['31:01', 0.025], ['25:01', 0.02], ['23:01', 0.02], ['30:01', 0.013], ['33:01', 0.01], ['02:05', 0.01], ['30:02', 0.008],
    ['68:02', 0.007], ['33:03', 0.006], ['74:01', 0.004], ['66:01', 0.003], ['34:02', 0.002], ['02:06', 0.002], ['36:01', 0.001], ['01:02', 0.001],
  ],
  B: [
    ['07:02', 0.14], ['08:01', 0.12], ['44:02', 0.09], ['35:01', 0.07], ['15:01', 0.065], ['40:01', 0.06], ['44:03', 0.05], ['51:01', 0.045],
    ['18:01', 0.045], ['57:01', 0.035], ['27:05', 0.035], ['14:02', 0.03], ['13:02', 0.025], ['38:01', 0.02], ['55:01', 0.02], ['49:01', 0.015],
    ['35:03', 0.012], ['37:01', 0.012], ['52:01', 0.01], ['39:01', 0.01], ['50:01', 0.01], ['40:02', 0.007], ['14:01', 0.007], ['45:01', 0.006],
    ['58:01', 0.006], ['56:01', 0.006], ['53:01', 0.005], ['41:01', 0.004], ['35:02', 0.004], ['47:01', 0.003],
  ],
  C: [
    ['07:01', 0.15], ['07:02', 0.13], ['04:01', 0.11], ['05:01', 0.09], ['06:02', 0.09], ['03:04', 0.08], ['03:03', 0.05], ['12:03', 0.05],
    ['02:02', 0.05], ['08:02', 0.04], ['01:02', 0.035], ['16:01', 0.035], ['15:02', 0.025], ['14:02', 0.015], ['17:01', 0.01], ['12:02', 0.01], ['08:01', 0.005],
  ],
  DRB1: [
    ['15:01', 0.14], ['07:01', 0.13], ['03:01', 0.12], ['04:01', 0.09], ['01:01', 0.09], ['13:01', 0.065], ['11:01', 0.06], ['13:02', 0.04],
    ['04:04', 0.035], ['11:04', 0.03], ['08:01', 0.025], ['12:01', 0.02], ['14:01', 0.02], ['01:02', 0.015], ['16:01', 0.01], ['04:07', 0.01],
    ['14:54', 0.01], ['10:01', 0.008], ['15:02', 0.008], ['09:01', 0.008], ['04:03', 0.006], ['13:03', 0.006], ['04:02', 0.004], ['11:03', 0.003], ['12:02', 0.003],
  ],
  DQB1: [
    ['03:01', 0.19], ['06:02', 0.14], ['02:01', 0.13], ['05:01', 0.12], ['03:02', 0.09], ['02:02', 0.09], ['06:03', 0.065], ['03:03', 0.04],
    ['04:02', 0.03], ['06:04', 0.03], ['05:03', 0.02], ['05:02', 0.02], ['06:09', 0.01],
  ],
};

/** Common extended haplotypes [A, C, B, DRB1, DQB1] and their share of all haplotypes. */
const HAPLOTYPES: [Record<Locus, string>, number][] = [
  [{ A: '01:01', C: '07:01', B: '08:01', DRB1: '03:01', DQB1: '02:01' }, 0.06],
  [{ A: '03:01', C: '07:02', B: '07:02', DRB1: '15:01', DQB1: '06:02' }, 0.03],
  [{ A: '02:01', C: '07:02', B: '07:02', DRB1: '15:01', DQB1: '06:02' }, 0.02],
  [{ A: '02:01', C: '05:01', B: '44:02', DRB1: '04:01', DQB1: '03:01' }, 0.02],
  [{ A: '29:02', C: '16:01', B: '44:03', DRB1: '07:01', DQB1: '02:02' }, 0.015],
  [{ A: '02:01', C: '03:04', B: '40:01', DRB1: '13:02', DQB1: '06:04' }, 0.01],
];
const HAPLOTYPE_SHARE = HAPLOTYPES.reduce((s, [, w]) => s + w, 0);

/** Rare alleles: more second fields of the common allele groups, Zipf weights, about 4 % of the mass in all. */
function tail(locus: Locus): [string, number][] {
  const head = HEAD[locus];
  const used = new Set(head.map(([a]) => a));
  const groups = [...new Set(head.map(([a]) => a.slice(0, 2)))];
  const out: string[] = [];
  for (let second = 2; out.length < 120 && second < 99; second++) {
    for (const g of groups) {
      const name = `${g}:${String(second).padStart(2, '0')}`;
      if (!used.has(name) && out.length < 120) out.push(name);
    }
  }
  const zipf = out.map((_, k) => 1 / (k + 1));
  const sum = zipf.reduce((a, b) => a + b, 0);
  return out.map((a, k) => [a, (0.04 * zipf[k]) / sum]);
}

const TABLES: Record<Locus, Weighted<string>> = Object.fromEntries(
  LOCI.map((l) => {
    const rows = [...HEAD[l], ...tail(l)];
    return [l, new Weighted(rows.map(([value, weight]) => ({ value, weight })))];
  }),
) as Record<Locus, Weighted<string>>;
const HAPLO = new Weighted(HAPLOTYPES.map(([value, weight]) => ({ value, weight })));

function haplotype(rng: Rng): Record<Locus, string> {
  if (rng.chance(HAPLOTYPE_SHARE)) return HAPLO.pick(rng);
  return { A: TABLES.A.pick(rng), B: TABLES.B.pick(rng), C: TABLES.C.pick(rng), DRB1: TABLES.DRB1.pick(rng), DQB1: TABLES.DQB1.pick(rng) };
}

/** A person's typing: two haplotypes. */
export function randomTyping(rng: Rng): Typing {
  const h1 = haplotype(rng);
  const h2 = haplotype(rng);
  const out = {} as Typing;
  for (const l of LOCI) out[l] = [h1[l], h2[l]];
  return out;
}
