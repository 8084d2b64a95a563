import { describe, expect, it } from '@jest/globals';
import { computeDose, DoseError } from './dose';

const whole = { doseSource: 'unit_tnc' as const, countedCells: 'TNC', unitTnc: 1.5e9, unitCd34: 5e6, measuredCellCount: null, weightKg: 20, viabilityPct: 90 };

describe(computeDose.name, () => {
  it('DESIGN.md 5 cell dose: a whole unit of 1.5 × 10^9 TNC and 5 × 10^6 CD34+ for 20 kg is 7.5 × 10^7 TNC/kg and 2.5 × 10^5 CD34+/kg; 90 % viable is 6.75 × 10^7', () => {
    const d = computeDose(whole);
    expect(d.dosePerKg).toBeCloseTo(7.5e7, -1);
    expect(d.cd34PerKg).toBeCloseTo(2.5e5, 4);
    expect(d.viableDosePerKg).toBeCloseTo(6.75e7, -1);
  });

  it('a mononuclear fraction of 3.4 × 10^8 MNC for an infant of 6.8 kg is 5 × 10^7 MNC/kg, CD34+ unknown', () => {
    const d = computeDose({ ...whole, doseSource: 'measured', countedCells: 'MNC', measuredCellCount: 3.4e8, weightKg: 6.8, viabilityPct: 95 });
    expect(d.dosePerKg).toBeCloseTo(5e7, -1);
    expect(d.cd34PerKg).toBeNull();
    expect(d.viableDosePerKg).toBeCloseTo(4.75e7, -1);
  });

  it('a CD34+ selection of 2.1 × 10^6 cells for 3.5 kg is 6 × 10^5 CD34+/kg, and that is its CD34+ dose', () => {
    const d = computeDose({ ...whole, doseSource: 'measured', countedCells: 'CD34+', measuredCellCount: 2.1e6, weightKg: 3.5, viabilityPct: 80 });
    expect(d.dosePerKg).toBeCloseTo(6e5, 6);
    expect(d.cd34PerKg).toBe(d.dosePerKg);
  });

  it('a fraction needs its measured count; a whole unit refuses one (it is dosed from its TNC); a unit without TNC has no dose', () => {
    expect(() => computeDose({ ...whole, doseSource: 'measured', countedCells: 'CD133+' })).toThrow(DoseError);
    expect(() => computeDose({ ...whole, measuredCellCount: 1e8 })).toThrow(/only for a prepared fraction/);
    expect(() => computeDose({ ...whole, unitTnc: null })).toThrow(/no TNC/);
    expect(() => computeDose({ ...whole, weightKg: 0 })).toThrow(DoseError);
  });
});
