import { describe, expect, it } from '@jest/globals';
import { checkMeasurement, type MeasureDefinition } from './measure-rules';

const lvef: MeasureDefinition = {
  code: 'lvef_pct', name: 'Left ventricular ejection fraction', unit: '%', valueType: 'number', minValue: 5, maxValue: 90, categories: null, methods: ['echo', 'mri'],
  applicableUses: ['clinical_trial', 'autologous'], changeFromBaseline: true, linksAdverseReaction: false, active: true,
};
const gvhd: MeasureDefinition = { ...lvef, code: 'acute_gvhd_grade', name: 'Acute GvHD', unit: null, valueType: 'category', minValue: null, maxValue: null, categories: ['0', 'I', 'II', 'III', 'IV'], methods: [], applicableUses: ['allogeneic_transplant'] };

describe(checkMeasurement.name, () => {
  it('plausible range: LVEF 140 % is refused naming the range; 42 % by echo is taken', () => {
    const bad = checkMeasurement(lvef, { measure: 'lvef_pct', value: 140, method: 'echo' }, 'clinical_trial');
    expect(bad).toEqual({ ok: false, field: 'value', message: expect.stringContaining('5–90 %') });
    expect(checkMeasurement(lvef, { measure: 'lvef_pct', value: 42, method: 'echo' }, 'clinical_trial')).toEqual({ ok: true, value: { valueNumber: 42, valueText: null, valueBool: null } });
  });

  it('the method, the use, the category and the type are checked against the definition', () => {
    expect(checkMeasurement(lvef, { measure: 'lvef_pct', value: 42, method: 'ct' }, 'clinical_trial')).toMatchObject({ ok: false, field: 'method' });
    expect(checkMeasurement(lvef, { measure: 'lvef_pct', value: 42 }, 'allogeneic_transplant')).toMatchObject({ ok: false, field: 'measure' });
    expect(checkMeasurement(lvef, { measure: 'lvef_pct', value: '42' }, 'clinical_trial')).toMatchObject({ ok: false, field: 'value' });
    expect(checkMeasurement(gvhd, { measure: 'acute_gvhd_grade', value: 'V' }, 'allogeneic_transplant')).toMatchObject({ ok: false, field: 'value', message: 'must be one of 0, I, II, III, IV' });
    expect(checkMeasurement(gvhd, { measure: 'acute_gvhd_grade', value: 'II' }, 'allogeneic_transplant')).toMatchObject({ ok: true, value: { valueText: 'II' } });
    expect(checkMeasurement(undefined, { measure: 'x', value: 1 }, 'clinical_trial')).toMatchObject({ ok: false, field: 'measure' });
    expect(checkMeasurement({ ...lvef, valueType: 'integer' }, { measure: 'lvef_pct', value: 42.5 }, 'clinical_trial')).toMatchObject({ ok: false, field: 'value' });
  });
});
