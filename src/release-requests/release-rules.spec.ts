import { describe, expect, it } from '@jest/globals';
import { REQUEST_NEXT, allowedActions, assessReservation, type ReservationInput } from './release-rules';

const HLA = { A: ['02:01', '24:02'], B: ['07:02', '44:02'], DRB1: ['15:01', '04:01'] };
const base: ReservationInput = {
  bankingType: 'public', intendedUse: 'allogeneic_transplant', patientHla: HLA, unitHla: HLA, weightKg: 20, tncCount: 1.5e9, cd34Count: 5e6, researchConsent: false,
};

describe(assessReservation.name, () => {
  it('a 6/6 public unit with enough cells for an unrelated transplant: no refusal, no override needed', () => {
    const r = assessReservation(base);
    expect(r.refusals).toEqual([]);
    expect(r.needsOverride).toBe(false);
    expect(r.match!.grade).toBe('6/6');
    expect(r.dose.tncPerKg).toBe(7.5e7);
  });

  it('DESIGN.md 5: an unrelated unit graded 4/6 is allowed, 3/6 refused naming the mismatched loci', () => {
    expect(assessReservation({ ...base, unitHla: { ...HLA, A: ['02:01', '11:01'], B: ['07:02', '08:01'] } }).refusals).toEqual([]);
    const r = assessReservation({ ...base, unitHla: { ...HLA, A: ['01:01', '11:01'], B: ['07:02', '08:01'] } });
    expect(r.refusals).toEqual([expect.stringMatching(/3\/6 is below the 4\/6.*A, B/)]);
  });

  it('an unrelated request without patient HLA can not reserve a public unit', () => {
    expect(assessReservation({ ...base, patientHla: null }).refusals).toEqual([expect.stringContaining('no patient HLA')]);
  });

  it('FACT-NetCord: a family unit is released only for autologous or directed_family use', () => {
    expect(assessReservation({ ...base, bankingType: 'family', intendedUse: 'allogeneic_transplant' }).refusals).toEqual([expect.stringContaining('family unit')]);
    expect(assessReservation({ ...base, bankingType: 'family', intendedUse: 'clinical_trial' }).refusals).toHaveLength(1);
    expect(assessReservation({ ...base, bankingType: 'family', intendedUse: 'autologous', patientHla: null }).refusals).toEqual([]);
    expect(assessReservation({ ...base, bankingType: 'family', intendedUse: 'directed_family', unitHla: { ...HLA, A: ['01:01', '11:01'], B: ['08:01', '35:01'] } }).refusals).toEqual([]);
  });

  it('a public unit is not reserved for autologous or directed_family use', () => {
    expect(assessReservation({ ...base, intendedUse: 'autologous' }).refusals).toEqual([expect.stringContaining('public unit')]);
  });

  it('a clinical trial with a public unit needs the donor\'s research consent', () => {
    expect(assessReservation({ ...base, intendedUse: 'clinical_trial' }).refusals).toEqual([expect.stringContaining('research consent')]);
    expect(assessReservation({ ...base, intendedUse: 'clinical_trial', researchConsent: true }).refusals).toEqual([]);
  });

  it('DESIGN.md 5: below 2.5 × 10^7 TNC/kg the reservation needs an override reason', () => {
    const low = { ...base, weightKg: 70 };
    expect(assessReservation(low)).toMatchObject({ needsOverride: true, dose: { doseWarning: true } });
    expect(assessReservation({ ...low, overrideReason: '  ' }).needsOverride).toBe(true);
    expect(assessReservation({ ...low, overrideReason: 'double cord transplant planned' }).needsOverride).toBe(false);
  });
});

describe('release request life cycle', () => {
  it('DESIGN.md 2: cancel is possible before shipping only', () => {
    for (const s of ['submitted', 'reserved', 'approved'] as const) expect(REQUEST_NEXT[s]).toContain('cancelled');
    for (const s of ['shipped', 'delivered', 'completed', 'cancelled'] as const) expect(REQUEST_NEXT[s]).not.toContain('cancelled');
  });

  it('names the actions each status allows', () => {
    expect(allowedActions('submitted')).toEqual(['reserve', 'cancel']);
    expect(allowedActions('approved')).toEqual(['ship', 'cancel']);
    expect(allowedActions('delivered')).toEqual(['outcome']);
    expect(allowedActions('completed')).toEqual([]);
  });
});
