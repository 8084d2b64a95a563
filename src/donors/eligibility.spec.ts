import { describe, expect, it } from '@jest/globals';
import { REQUIRED_MARKERS, computeEligibility, IdmTestInput } from './eligibility';

const collectedAt = new Date('2026-03-10T08:00:00Z');
const negatives = (drawn = new Date('2026-03-09T10:00:00Z')): IdmTestInput[] => REQUIRED_MARKERS.map((marker) => ({ marker, result: 'negative', sampleDrawnAt: drawn }));
const ok = [{ completedAt: new Date('2026-03-01T00:00:00Z'), deferralReasons: [] }];

describe('computeEligibility (21 CFR 1271)', () => {
  it('21 CFR 1271.80: eligible when every required marker is negative within 7 days and the screening has no deferral', () => {
    expect(computeEligibility({ collectedAt, screenings: ok, tests: negatives() })).toMatchObject({ status: 'eligible', reasons: [] });
  });

  it('21 CFR 1271.85: a positive or indeterminate required marker makes the donor ineligible, naming it', () => {
    const tests = negatives().map((t) => (t.marker === 'HBsAg' ? { ...t, result: 'positive' as const } : t.marker === 'WNV' ? { ...t, result: 'indeterminate' as const } : t));
    const e = computeEligibility({ collectedAt, screenings: ok, tests });
    expect(e.status).toBe('ineligible');
    expect(e.reasons).toEqual([expect.stringContaining('HBsAg: positive'), expect.stringContaining('WNV: indeterminate')]);
  });

  it('a positive CMV is recorded but does not make the donor ineligible', () => {
    const tests = [...negatives(), { marker: 'CMV', result: 'positive' as const, sampleDrawnAt: collectedAt }];
    expect(computeEligibility({ collectedAt, screenings: ok, tests }).status).toBe('eligible');
  });

  it('21 CFR 1271.80(b): a sample drawn more than 7 days from the collection does not count (incomplete)', () => {
    const e = computeEligibility({ collectedAt, screenings: ok, tests: negatives(new Date('2026-03-02T07:59:00Z')) });
    expect(e.status).toBe('incomplete');
    expect(e.reasons).toHaveLength(REQUIRED_MARKERS.length);
    expect(computeEligibility({ collectedAt, screenings: ok, tests: negatives(new Date('2026-03-17T08:00:00Z')) }).status).toBe('eligible');
    expect(computeEligibility({ collectedAt, screenings: ok, tests: negatives(new Date('2026-03-03T08:00:00Z')) }).status).toBe('eligible');
  });

  it('a missing marker is incomplete, naming each one', () => {
    const e = computeEligibility({ collectedAt, screenings: ok, tests: negatives().filter((t) => t.marker !== 'T. cruzi' && t.marker !== 'HIV-2') });
    expect(e).toMatchObject({ status: 'incomplete', reasons: ['HIV-2: not tested', expect.stringMatching(/^T\. cruzi: not tested \(required by the bank's policy and FDA guidance/)], collectedAt: collectedAt.toISOString() });
  });

  it('21 CFR 1271.75: a deferral in the latest screening makes the donor ineligible; no screening is incomplete', () => {
    const deferred = [...ok, { completedAt: new Date('2026-03-05T00:00:00Z'), deferralReasons: ['recent tattoo'] }];
    expect(computeEligibility({ collectedAt, screenings: deferred, tests: negatives() })).toMatchObject({ status: 'ineligible', reasons: [expect.stringContaining('deferral on the questionnaire of 2026-03-05 — recent tattoo')] });
    expect(computeEligibility({ collectedAt, screenings: [], tests: negatives() }).status).toBe('incomplete');
  });

  it('without a collection the window can not be checked: incomplete at best', () => {
    const e = computeEligibility({ collectedAt: null, screenings: ok, tests: negatives() });
    expect(e.status).toBe('incomplete');
    expect(e.reasons[0]).toMatch(/collection/);
  });

  it('ineligible wins over incomplete, and every reason is given', () => {
    const tests = negatives().filter((t) => t.marker !== 'HCV').map((t) => (t.marker === 'HIV-1' ? { ...t, result: 'positive' as const } : t));
    const e = computeEligibility({ collectedAt, screenings: [], tests });
    expect(e.status).toBe('ineligible');
    expect(e.reasons).toHaveLength(3);
  });

  it('21 CFR 1271.75(d): a newer clean questionnaire does not clear an earlier deferral', () => {
    const screenings = [{ completedAt: new Date('2026-03-01T00:00:00Z'), deferralReasons: ['recent tattoo'] }, { completedAt: new Date('2026-03-08T00:00:00Z'), deferralReasons: [] }];
    const e = computeEligibility({ collectedAt, screenings, tests: negatives() });
    expect(e.status).toBe('ineligible');
    expect(e.reasons).toEqual([expect.stringContaining('recent tattoo')]);
  });

  it('21 CFR 1271.85(b)(2): a missing CMV result leaves eligibility incomplete; a reactive CMV does not make the donor ineligible but is noted', () => {
    const without = computeEligibility({ collectedAt, screenings: ok, tests: negatives().filter((t) => t.marker !== 'CMV') });
    expect(without.status).toBe('incomplete');
    expect(without.reasons).toEqual([expect.stringMatching(/^CMV: not tested .*1271\.85\(b\)\(2\)/)]);
    const reactive = computeEligibility({ collectedAt, screenings: ok, tests: negatives().map((t) => (t.marker === 'CMV' ? { ...t, result: 'positive' as const } : t)) });
    expect(reactive).toMatchObject({ status: 'eligible', reasons: [], cmvReactive: true, reactiveMarkers: ['CMV'] });
    expect(reactive.notes).toEqual([expect.stringContaining("bank's documented procedure")]);
  });

  it('21 CFR 1271.80(d)(1)(i): a reactive nontreponemal syphilis screen with a negative treponemal confirmatory test on the same specimen is not a reactive result', () => {
    const drawn = new Date('2026-03-09T10:00:00Z');
    const screenReactive = negatives(drawn).map((t) => (t.marker === 'syphilis' ? { ...t, result: 'positive' as const } : t));
    expect(computeEligibility({ collectedAt, screenings: ok, tests: screenReactive })).toMatchObject({ status: 'ineligible', reactiveMarkers: ['syphilis'] });
    const confirmedNegative = [...screenReactive, { marker: 'syphilis-treponemal', result: 'negative' as const, sampleDrawnAt: drawn }];
    const e = computeEligibility({ collectedAt, screenings: ok, tests: confirmedNegative });
    expect(e).toMatchObject({ status: 'eligible', reasons: [], reactiveMarkers: [] });
    expect(e.notes).toEqual([expect.stringContaining('not a reactive result for syphilis')]);
    // the confirmatory test must be on the same specimen
    const otherSpecimen = [...screenReactive, { marker: 'syphilis-treponemal', result: 'negative' as const, sampleDrawnAt: new Date('2026-03-10T10:00:00Z') }];
    expect(computeEligibility({ collectedAt, screenings: ok, tests: otherSpecimen }).status).toBe('ineligible');
    const confirmedReactive = [...screenReactive, { marker: 'syphilis-treponemal', result: 'positive' as const, sampleDrawnAt: drawn }];
    const r = computeEligibility({ collectedAt, screenings: ok, tests: confirmedReactive });
    expect(r.status).toBe('ineligible');
    expect(r.reasons).toEqual([expect.stringContaining('syphilis-treponemal: positive')]);
  });

  it('21 CFR 1271.80(d)(1)(ii): a specimen drawn after a transfusion counts only with the plasma-dilution algorithm accepting it', () => {
    const transfused = negatives().map((t) => (t.marker === 'HCV' ? { ...t, transfusedBeforeSample: true, dilutionAcceptable: false } : t));
    const e = computeEligibility({ collectedAt, screenings: ok, tests: transfused });
    expect(e.status).toBe('ineligible');
    expect(e.reasons).toEqual([expect.stringMatching(/^HCV: .*plasma dilution suspected/)]);
    const accepted = negatives().map((t) => (t.marker === 'HCV' ? { ...t, transfusedBeforeSample: true, dilutionAcceptable: true } : t));
    expect(computeEligibility({ collectedAt, screenings: ok, tests: accepted }).status).toBe('eligible');
    // a pre-transfusion specimen of the marker makes the diluted one irrelevant
    const withPre = [...transfused, { marker: 'HCV', result: 'negative' as const, sampleDrawnAt: new Date('2026-03-08T10:00:00Z'), transfusedBeforeSample: false }];
    expect(computeEligibility({ collectedAt, screenings: ok, tests: withPre }).status).toBe('eligible');
  });

  it("WNV and T. cruzi: the reasons say they are required by the bank's policy and FDA guidance, not by 21 CFR 1271.85", () => {
    const e = computeEligibility({ collectedAt, screenings: ok, tests: negatives().map((t) => (t.marker === 'WNV' ? { ...t, result: 'positive' as const } : t)) });
    expect(e.reasons).toEqual([expect.stringContaining("WNV: positive on the sample drawn 2026-03-09 (21 CFR 1271.80(d)(1)(i)) (required by the bank's policy and FDA guidance")]);
  });
});
