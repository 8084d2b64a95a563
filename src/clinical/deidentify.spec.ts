import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { csvField } from '../common/csv';
import { SUPPRESSED, daysBetween, exportedAge, planSuppression, pseudonym } from './deidentify';

const member = (patient: string, diagnosis: string, route = 'intravenous') => ({ patient, diagnosis, use: 'clinical_trial', route, cellType: 'mnc' });

describe('de-identification', () => {
  it('bank policy (cf. HIPAA 45 CFR 164.514(c)): the pseudonym is stable per patient, differs by key, and is not a plain hash of the identifier', () => {
    const a = pseudonym('k'.repeat(32), 'Centre A', 'MRN-1');
    expect(pseudonym('k'.repeat(32), ' centre a ', 'mrn-1')).toBe(a);
    expect(pseudonym('x'.repeat(32), 'Centre A', 'MRN-1')).not.toBe(a);
    expect(pseudonym('k'.repeat(32), 'Centre B', 'MRN-1')).not.toBe(a);
    for (const guess of ['MRN-1', 'centre a\u0000MRN-1']) expect(a.slice(1)).not.toBe(createHash('sha256').update(guess).digest('hex').slice(0, 20));
  });

  it('bank policy k ≥ 5: a diagnosis shared by fewer than k patients of its (use, route, cell type) is suppressed; a class of fewer than k patients is withheld', () => {
    const ms = [
      ...['p1', 'p2', 'p3', 'p4', 'p5'].map((p) => member(p, 'Hypoplastic left heart syndrome')),
      member('p5', 'hypoplastic  left heart syndrome'), // the same patient twice, same diagnosis once normalised
      member('p6', 'Barth syndrome'),
      ...['q1', 'q2', 'q3', 'q4'].map((p) => member(p, 'Hypoplastic left heart syndrome', 'intracoronary')),
    ];
    const plan = planSuppression(ms, 5);
    expect(plan.diagnosis.slice(0, 6)).toEqual(Array(6).fill('hypoplastic left heart syndrome'));
    expect(plan.diagnosis[6]).toBe(SUPPRESSED);
    expect(plan.diagnosis.slice(7)).toEqual([null, null, null, null]);
    expect(plan).toMatchObject({ withheldPatients: 4, suppressedDiagnoses: 1 });
    expect(() => planSuppression(ms, 4)).toThrow(RangeError);
  });

  it('CSV fields are quoted per RFC 4180 and never start a spreadsheet formula', () => {
    expect(csvField('a,b "c"')).toBe('"a,b ""c"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
  });

  it('HIPAA 45 CFR 164.514(b)(2)(i)(C) (guidance): ages of 90 years and over are one category', () => {
    expect(exportedAge(7)).toBe(7);
    expect(exportedAge(1079)).toBe(1079);
    expect(exportedAge(1080)).toBe('>=1080');
  });

  it('days from infusion are UTC calendar days', () => {
    expect(daysBetween(new Date('2026-03-21T23:30:00Z'), new Date('2026-03-22T00:10:00Z'))).toBe(1);
    expect(daysBetween(new Date('2026-03-21T10:00:00Z'), new Date('2026-03-20T10:00:00Z'))).toBe(-1);
    expect(daysBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-12-31T12:00:00Z'))).toBe(364);
  });
});
