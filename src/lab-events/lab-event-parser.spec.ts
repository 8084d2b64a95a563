import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/domain-error';
import { mod37_2 } from '../common/din';
import { bodyHash, canonicalJson, parseLabEvent, splitBody } from './lab-event-parser';

/** The documentation every IDM record names (21 CFR 1271.80(c), (d)). */
const IDM_DOCUMENTATION = { testKit: 'Procleix Ultrio Elite (FDA-licensed)', method: 'NAT', lab: 'Regional IDM laboratory', labCliaNumber: '05D1234567', transfusedBeforeSample: false };

const now = new Date('2026-03-12T12:00:00Z');
const din = 'W123426000042';
const hla = {
  eventId: 'e-1',
  type: 'hla.typed',
  occurredAt: '2026-03-12T10:00:00Z',
  din,
  data: { loci: { A: ['02:01', '24:02'], B: ['07:02', '44:02'], DRB1: ['15:01', '04:01'] }, resolution: 'high' },
};

function fields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).status).toBe(422);
    return ((err as DomainError).extra.errors ?? []).map((e) => e.field).sort();
  }
  throw new Error('expected a 422');
}

describe('canonicalJson', () => {
  it('ignores key order and spacing, keeps every value and the order of arrays', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
    expect(bodyHash(JSON.parse('{ "a" : 1, "b": [1,2] }'))).toBe(bodyHash({ b: [1, 2], a: 1 }));
    expect(bodyHash({ a: 1, b: [1, 2] })).not.toBe(bodyHash({ a: 1, b: [2, 1] }));
    expect(bodyHash({ a: 1.0 })).toBe(bodyHash({ a: 1 }));
    expect(bodyHash({ a: '1' })).not.toBe(bodyHash({ a: 1 }));
    expect(bodyHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('parseLabEvent', () => {
  it('accepts each type with its subject and normalises a 14-character DIN to 13', () => {
    const e = parseLabEvent({ ...hla, din: din + mod37_2(din) }, now);
    expect(e).toMatchObject({ eventId: 'e-1', type: 'hla.typed', din, donorNumber: null, freezer: null });
    expect(e.occurredAt.toISOString()).toBe('2026-03-12T10:00:00.000Z');
    expect(parseLabEvent({ eventId: 'i', type: 'idm.resulted', occurredAt: '2026-03-12T10:00:00Z', donorNumber: 'D0000001', data: { marker: 'HIV-1', result: 'negative', sampleDrawnAt: '2026-03-10T10:00:00Z', ...IDM_DOCUMENTATION } }, now).donorNumber).toBe('D0000001');
    expect(parseLabEvent({ eventId: 'f', type: 'freezer.temperature', occurredAt: '2026-03-12T10:00:00+01:00', freezer: 'LN2-01', data: { temperatureC: -180 } }, now).freezer).toBe('LN2-01');
  });

  it('refuses an unknown type listing the allowed ones', () => {
    try {
      parseLabEvent({ ...hla, type: 'hla.guessed' }, now);
      throw new Error('expected a 422');
    } catch (err) {
      expect((err as DomainError).status).toBe(422);
      expect((err as DomainError).message).toContain('sample.received, processing.completed, hla.typed, abo.typed, sterility.resulted, idm.resulted, freezer.temperature');
    }
  });

  it('names nested data fields like data.loci.A and refuses extra fields anywhere', () => {
    expect(fields(() => parseLabEvent({ ...hla, data: { ...hla.data, loci: { ...hla.data.loci, A: ['2:1', '24:02'] } } }, now))).toEqual(['data.loci.A']);
    expect(fields(() => parseLabEvent({ ...hla, data: { ...hla.data, loci: { B: hla.data.loci.B, DRB1: hla.data.loci.DRB1 } } }, now))).toEqual(['data.loci.A']);
    expect(fields(() => parseLabEvent({ ...hla, extra: 1, data: { ...hla.data, colour: 'red' } }, now))).toEqual(['data.colour', 'extra']);
    expect(fields(() => parseLabEvent({ ...hla, data: [] }, now))).toEqual(['data']);
  });

  it('needs the subject key of its type and refuses the others', () => {
    const { din: _d, ...noDin } = hla;
    expect(fields(() => parseLabEvent(noDin, now))).toEqual(['din']);
    expect(fields(() => parseLabEvent({ ...hla, donorNumber: 'D1' }, now))).toEqual(['donorNumber']);
    expect(fields(() => parseLabEvent({ eventId: 'f', type: 'freezer.temperature', occurredAt: hla.occurredAt, din, data: { temperatureC: -180 } }, now))).toEqual(['din', 'freezer']);
  });

  it('ISBT 128: refuses a DIN whose check character is wrong', () => {
    const wrong = mod37_2(din) === 'A' ? 'B' : 'A';
    expect(fields(() => parseLabEvent({ ...hla, din: din + wrong }, now))).toEqual(['din']);
  });

  it('needs zoned ISO 8601 times and refuses an occurredAt more than 5 minutes ahead', () => {
    expect(fields(() => parseLabEvent({ ...hla, occurredAt: '2026-03-12T10:00:00' }, now))).toEqual(['occurredAt']);
    expect(fields(() => parseLabEvent({ ...hla, occurredAt: '2026-03-12T12:06:00Z' }, now))).toEqual(['occurredAt']);
    expect(parseLabEvent({ ...hla, occurredAt: '2026-03-12T12:04:00Z' }, now).eventId).toBe('e-1');
  });

  it('checks each data shape: processing ranges, ABO values, IDM markers, sterility results', () => {
    const base = { eventId: 'x', occurredAt: hla.occurredAt, din };
    expect(fields(() => parseLabEvent({ ...base, type: 'processing.completed', data: { processedAt: hla.occurredAt, volumeMl: 0, tncCount: -1, cd34Count: 1, viabilityPct: 101 } }, now))).toEqual([
      'data.tncCount',
      'data.viabilityPct',
      'data.volumeMl',
    ]);
    expect(fields(() => parseLabEvent({ ...base, type: 'abo.typed', data: { abo: 'C', rh: '+' } }, now))).toEqual(['data.abo', 'data.rh']);
    expect(fields(() => parseLabEvent({ ...base, type: 'sterility.resulted', data: { aerobic: 'neg', anaerobic: 'negative' } }, now))).toEqual(['data.aerobic']);
    expect(
      fields(() => parseLabEvent({ eventId: 'x', occurredAt: hla.occurredAt, donorNumber: 'D1', type: 'idm.resulted', data: { marker: 'HIV', result: 'negative', sampleDrawnAt: 'yesterday', ...IDM_DOCUMENTATION } }, now)),
    ).toEqual(['data.marker', 'data.sampleDrawnAt']);
    // 21 CFR 1271.80(c): the kit, method, CLIA laboratory and plasma-dilution assessment are required
    expect(
      fields(() => parseLabEvent({ eventId: 'x', occurredAt: hla.occurredAt, donorNumber: 'D1', type: 'idm.resulted', data: { marker: 'HIV-1', result: 'negative', sampleDrawnAt: hla.occurredAt } }, now)),
    ).toEqual(['data.lab', 'data.labCliaNumber', 'data.method', 'data.testKit', 'data.transfusedBeforeSample']);
    expect(fields(() => parseLabEvent({ ...base, type: 'sample.received', data: { receivedAt: hla.occurredAt } }, now))).toEqual(['data.temperatureOk']);
  });

  it('refuses what is not an event object', () => {
    expect(fields(() => parseLabEvent('hello', now))).toEqual(['(event)']);
    expect(fields(() => parseLabEvent(null, now))).toEqual(['(event)']);
  });
});

describe('splitBody', () => {
  it('tells one event from a batch of 1 to 500 and refuses the rest for the whole request', () => {
    expect(splitBody(hla)).toEqual({ batch: false, event: hla });
    expect(splitBody({ events: [hla] })).toEqual({ batch: true, events: [hla] });
    expect(() => splitBody({ events: [] })).toThrow(DomainError);
    expect(() => splitBody({ events: new Array(501).fill(hla) })).toThrow(/1 to 500/);
    expect(() => splitBody({ events: [hla], more: 1 })).toThrow(DomainError);
    expect(() => splitBody([hla])).toThrow(DomainError);
  });
});
