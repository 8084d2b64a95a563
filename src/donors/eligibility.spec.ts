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
    expect(e).toEqual({ status: 'incomplete', reasons: ['HIV-2: not tested', 'T. cruzi: not tested'], collectedAt: collectedAt.toISOString() });
  });

  it('21 CFR 1271.75: a deferral in the latest screening makes the donor ineligible; no screening is incomplete', () => {
    const deferred = [...ok, { completedAt: new Date('2026-03-05T00:00:00Z'), deferralReasons: ['recent tattoo'] }];
    expect(computeEligibility({ collectedAt, screenings: deferred, tests: negatives() })).toMatchObject({ status: 'ineligible', reasons: ['screening: deferral — recent tattoo'] });
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
});
