import { describe, expect, it } from '@jest/globals';
import { labelStatements } from './label-statements';

const eligible = { status: 'eligible' as const, reactiveMarkers: [] };
const codes = (s: ReturnType<typeof labelStatements>) => s.map((x) => x.code);

describe(labelStatements.name, () => {
  it('an eligible, determined public unit carries none of the 21 CFR 1271 warnings', () => {
    expect(labelStatements({ bankingType: 'public', determination: { status: 'eligible' }, eligibility: eligible })).toEqual([]);
  });

  it('21 CFR 1271.65(b)(2): an ineligible donor\'s unit carries the Biohazard legend, the advice warning and the reactive markers (CMV not among them)', () => {
    const s = labelStatements({ bankingType: 'family', intendedUse: 'directed_family', determination: { status: 'ineligible' }, eligibility: { status: 'ineligible', reactiveMarkers: ['HBsAg', 'CMV'] } });
    expect(s).toEqual([
      { code: 'BIOHAZARD', text: 'Biohazard legend (21 CFR 1271.3(h))', rule: '21 CFR 1271.65(b)(2)' },
      { code: 'ADVISE_PATIENT', text: 'WARNING: Advise patient of communicable disease risks', rule: '21 CFR 1271.65(b)(2)' },
      { code: 'REACTIVE_RESULTS', text: 'WARNING: Reactive test results for HBsAg', rule: '21 CFR 1271.65(b)(2)' },
    ]);
  });

  it('21 CFR 1271.65(b)(2): an ineligible determination from screening alone has no reactive-results warning', () => {
    expect(codes(labelStatements({ bankingType: 'family', determination: { status: 'ineligible' }, eligibility: { status: 'ineligible', reactiveMarkers: [] } }))).toEqual(['BIOHAZARD', 'ADVISE_PATIENT']);
  });

  it('21 CFR 1271.90(c): autologous use carries FOR AUTOLOGOUS USE ONLY, and NOT EVALUATED FOR INFECTIOUS SUBSTANCES while testing is incomplete', () => {
    expect(labelStatements({ bankingType: 'family', intendedUse: 'autologous', determination: { status: 'eligible' }, eligibility: eligible })).toEqual([
      { code: 'AUTOLOGOUS_USE_ONLY', text: 'FOR AUTOLOGOUS USE ONLY', rule: '21 CFR 1271.90(c)(1)' },
    ]);
    expect(labelStatements({ bankingType: 'family', intendedUse: 'autologous', eligibility: { status: 'incomplete', reactiveMarkers: [] } })).toEqual([
      { code: 'AUTOLOGOUS_USE_ONLY', text: 'FOR AUTOLOGOUS USE ONLY', rule: '21 CFR 1271.90(c)(1)' },
      { code: 'NOT_EVALUATED', text: 'NOT EVALUATED FOR INFECTIOUS SUBSTANCES', rule: '21 CFR 1271.90(c)(2)' },
    ]);
    expect(codes(labelStatements({ bankingType: 'family', intendedUse: 'autologous', determination: { status: 'ineligible' }, eligibility: { status: 'ineligible', reactiveMarkers: ['HCV'] } }))).toEqual([
      'AUTOLOGOUS_USE_ONLY', 'BIOHAZARD', 'ADVISE_PATIENT', 'REACTIVE_RESULTS',
    ]);
  });

  it('21 CFR 1271.60(d)(2): a unit whose testing is incomplete is NOT EVALUATED FOR INFECTIOUS SUBSTANCES, with the advice warning', () => {
    expect(codes(labelStatements({ bankingType: 'public', eligibility: { status: 'incomplete', reactiveMarkers: [] } }))).toEqual(['NOT_EVALUATED', 'ADVISE_PATIENT']);
  });

  it('the stricter of the determination and the status computed now decides (a later reactive result is never hidden by an older determination)', () => {
    expect(codes(labelStatements({ bankingType: 'public', determination: { status: 'eligible' }, eligibility: { status: 'ineligible', reactiveMarkers: ['HIV-1'] } }))).toEqual(['BIOHAZARD', 'ADVISE_PATIENT', 'REACTIVE_RESULTS']);
    expect(codes(labelStatements({ bankingType: 'family', determination: { status: 'ineligible' }, eligibility: eligible }))).toEqual(['BIOHAZARD', 'ADVISE_PATIENT']);
  });

  it('a family unit not yet reserved is not labelled autologous only (family banking also serves a sibling)', () => {
    expect(labelStatements({ bankingType: 'family', determination: { status: 'eligible' }, eligibility: eligible })).toEqual([]);
  });
});
