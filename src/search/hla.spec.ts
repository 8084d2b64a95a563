import { describe, expect, it } from '@jest/globals';
import { PATIENT_ALLELE, alleleKeyOf, antigenOf, cellDose, gradeMatch, locusMismatch, searchKeys } from './hla';

const PATIENT = { A: ['02:01', '24:02'], B: ['07:02', '44:02'], DRB1: ['15:01', '04:01'] };

describe(gradeMatch.name, () => {
  it('FACT-NetCord: an identical typing is 6/6 with no mismatches', () => {
    const r = gradeMatch(PATIENT, PATIENT)!;
    expect(r.grade).toBe('6/6');
    expect(r.matches).toBe(6);
    expect(r.mismatches).toEqual([]);
  });

  it('A and B are compared at antigen level: 02:01 matches 02:05, 07:02 matches 07:05', () => {
    const r = gradeMatch(PATIENT, { A: ['02:05', '24:03'], B: ['07:05', '44:03'], DRB1: ['15:01', '04:01'] })!;
    expect(r.grade).toBe('6/6');
  });

  it('DRB1 is compared at allele level (two fields): 15:01 does not match 15:02', () => {
    const r = gradeMatch(PATIENT, { A: PATIENT.A, B: PATIENT.B, DRB1: ['15:02', '04:01'] })!;
    expect(r.grade).toBe('5/6');
    expect(r.mismatches).toHaveLength(1);
    expect(r.mismatches[0]).toMatchObject({ locus: 'DRB1', level: 'allele', count: 1, direction: 'bidirectional', patient: ['15:01', '04:01'], unit: ['15:02', '04:01'] });
  });

  it('DRB1 fields past the second do not matter: 15:01:01 matches 15:01:02', () => {
    expect(gradeMatch(PATIENT, { ...PATIENT, DRB1: ['15:01:02', '04:01:01:03'] })!.grade).toBe('6/6');
  });

  it('names each mismatched locus and counts 4/6 for one mismatch at A and one at B', () => {
    const r = gradeMatch(PATIENT, { A: ['02:01', '11:01'], B: ['08:01', '44:02'], DRB1: PATIENT.DRB1 })!;
    expect(r.grade).toBe('4/6');
    expect(r.mismatches.map((m) => m.locus)).toEqual(['A', 'B']);
  });

  it('two mismatches at one locus count 2 (3/6 with one more elsewhere)', () => {
    const r = gradeMatch(PATIENT, { A: ['01:01', '03:01'], B: ['07:02', '08:01'], DRB1: PATIENT.DRB1 })!;
    expect(r.grade).toBe('3/6');
    expect(r.mismatches.find((m) => m.locus === 'A')!.count).toBe(2);
  });

  it('a fully different typing is 0/6', () => {
    expect(gradeMatch(PATIENT, { A: ['01:01', '03:01'], B: ['08:01', '35:01'], DRB1: ['03:01', '07:01'] })!.grade).toBe('0/6');
  });

  describe('homozygous loci: the larger of the two directions is counted', () => {
    it('homozygous patient 02:01,02:01 vs unit 02:01,03:01: one host-versus-graft mismatch (the unit carries 03 the patient lacks)', () => {
      const m = locusMismatch('A', ['02:01', '02:01'], ['02:01', '03:01']);
      expect(m).toMatchObject({ count: 1, graftVersusHost: 0, hostVersusGraft: 1, direction: 'host_versus_graft' });
      const r = gradeMatch({ ...PATIENT, A: ['02:01', '02:01'] }, { ...PATIENT, A: ['02:01', '03:01'] })!;
      expect(r.grade).toBe('5/6');
    });

    it('heterozygous patient 02:01,03:01 vs homozygous unit 02:01,02:01: one graft-versus-host mismatch (the patient carries 03 the unit lacks)', () => {
      const m = locusMismatch('A', ['02:01', '03:01'], ['02:01', '02:01']);
      expect(m).toMatchObject({ count: 1, graftVersusHost: 1, hostVersusGraft: 0, direction: 'graft_versus_host' });
      const r = gradeMatch({ ...PATIENT, A: ['02:01', '03:01'] }, { ...PATIENT, A: ['02:01', '02:01'] })!;
      expect(r.grade).toBe('5/6');
    });

    it('both homozygous for the same antigen: a match', () => {
      expect(locusMismatch('B', ['07:02', '07:02'], ['07:01', '07:01']).count).toBe(0);
    });

    it('both homozygous for different antigens: two mismatches (each allele of each side is foreign)', () => {
      expect(locusMismatch('A', ['02:01', '02:01'], ['03:01', '03:01'])).toMatchObject({ count: 2, graftVersusHost: 2, hostVersusGraft: 2, direction: 'bidirectional' });
    });

    it('homozygous patient vs a unit with two foreign antigens: two mismatches', () => {
      expect(locusMismatch('A', ['02:01', '02:01'], ['03:01', '11:01']).count).toBe(2);
    });

    it('homozygous DRB1 at allele level: 15:01,15:01 vs 15:01,15:02 is one HvG mismatch', () => {
      expect(locusMismatch('DRB1', ['15:01', '15:01'], ['15:01', '15:02'])).toMatchObject({ count: 1, direction: 'host_versus_graft' });
    });
  });

  it('a unit DRB1 typed at one field only can not be shown to match: mismatched', () => {
    const r = gradeMatch(PATIENT, { ...PATIENT, DRB1: ['15', '04:01'] })!;
    expect(r.grade).toBe('5/6');
  });

  it('C and DQB1 are reported when both sides are typed, never graded', () => {
    const r = gradeMatch({ ...PATIENT, C: ['07:02', '05:01'], DQB1: ['06:02', '03:01'] }, { ...PATIENT, C: ['07:01', '05:01'], DQB1: ['06:02', '03:01'] })!;
    expect(r.grade).toBe('6/6');
    expect(r.otherMismatches).toEqual([expect.objectContaining({ locus: 'C', count: 1 })]);
    expect(gradeMatch({ ...PATIENT, C: ['07:02', '05:01'] }, PATIENT)!.otherMismatches).toEqual([]);
  });

  it('no grade for a unit without HLA typing', () => {
    expect(gradeMatch(PATIENT, null)).toBeNull();
    expect(gradeMatch(PATIENT, { A: ['02:01', '24:02'] })).toBeNull();
  });

  it('the grade does not depend on allele order', () => {
    const unit = { A: ['24:02', '02:01'], B: ['44:02', '08:01'], DRB1: ['04:01', '15:01'] };
    expect(gradeMatch(PATIENT, unit)!.grade).toBe('5/6');
    expect(gradeMatch({ A: ['24:02', '02:01'], B: ['44:02', '07:02'], DRB1: ['04:01', '15:01'] }, unit)!.grade).toBe('5/6');
  });
});

describe('HLA allele names', () => {
  it.each(['02:01', '02:01:01', '02:01:01:02', '15:01N', '101:01'])('accepts %p from a patient', (a) => expect(PATIENT_ALLELE.test(a)).toBe(true));
  it.each(['A*2:1', 'A*02:01', 'XX', '2:1', '02', '02:1', '', '02:01:01:01:01', '02-01'])('refuses %p from a patient', (a) => expect(PATIENT_ALLELE.test(a)).toBe(false));

  it('antigen level is the first field, allele level the first two', () => {
    expect(antigenOf('02:01:01')).toBe(2);
    expect(alleleKeyOf('15:01:01')).toBe(15001);
    expect(alleleKeyOf('15')).toBeNull();
  });

  it('search keys are sorted per locus (what the unit_search index stores)', () => {
    expect(searchKeys({ A: ['24:02', '02:01'], B: ['07:02', '07:05'], DRB1: ['15:01', '04:01'] })).toEqual({ a: [2, 24], b: [7, 7], d: [4001, 15001] });
  });
});

describe(cellDose.name, () => {
  it('TNC per kg is the unit TNC divided by the patient weight; CD34+ likewise', () => {
    expect(cellDose(1.5e9, 5e6, 20)).toEqual({ tncPerKg: 7.5e7, cd34PerKg: 2.5e5, doseWarning: false });
  });

  it('FACT-NetCord: warns below 2.5 × 10^7 TNC/kg, not at it', () => {
    expect(cellDose(1.5e9, 5e6, 70).doseWarning).toBe(true);
    expect(cellDose(2.5e9, null, 100)).toEqual({ tncPerKg: 2.5e7, cd34PerKg: null, doseWarning: false });
  });

  it('refuses a weight that is not positive', () => {
    expect(() => cellDose(1e9, 1e6, 0)).toThrow(RangeError);
  });
});
