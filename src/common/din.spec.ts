import { describe, expect, it } from '@jest/globals';
import { DomainError } from './domain-error';
import { FACILITY_ID_PATTERN, formatDin, mod37_2, parseDin } from './din';

describe('ISBT 128 DIN check character (ISO 7064 Mod 37-2)', () => {
  it('ISBT 128: matches the worked example of the check-character annex (G123498654321 → H)', () => {
    expect(mod37_2('G123498654321')).toBe('H');
  });

  it('ISBT 128: accepts the 13-character DIN and the 14 with the right check character', () => {
    expect(parseDin('G123498654321')).toEqual({ din: 'G123498654321', dinCheck: 'H' });
    expect(parseDin('G123498654321H')).toEqual({ din: 'G123498654321', dinCheck: 'H' });
    expect(parseDin('g123498654321h').din).toBe('G123498654321');
  });

  it('ISBT 128: refuses a wrong check character with INVALID_DIN (422)', () => {
    expect(() => parseDin('G123498654321A')).toThrow(DomainError);
    try {
      parseDin('G123498654321A');
    } catch (e) {
      expect((e as DomainError).status).toBe(422);
      expect((e as DomainError).message).toMatch(/does not match/);
    }
  });

  it('ISBT 128 / DESIGN 3: the 422 for a wrong check character says only that it does not match, never the right one', () => {
    // G123498654321 → H (the annex example); W1234 26 000001 → its own character, whatever it is
    for (const din of ['G123498654321', 'W12342600000' + '1', 'W12342612345' + '6']) {
      const right = mod37_2(din);
      const wrong = right === 'A' ? 'B' : 'A';
      let err: DomainError | undefined;
      try {
        parseDin(din + wrong);
      } catch (e) {
        err = e as DomainError;
      }
      expect(err?.code).toBe('INVALID_DIN');
      const said = `${err!.message} ${JSON.stringify(err!.extra)}`;
      // the right character appears nowhere as a character of its own (it may appear inside the DIN itself)
      expect(said.replace(din, '').split(/[^0-9A-Z*]+/).filter((w) => w === right)).toEqual([]);
      expect(said).toMatch(/does not match/);
    }
  });

  it.each(['', 'G12349865432', 'G1234986543210X1', '0123498654321', 'O123498654321', "W1234' OR 1=1", '../../etc/passwd', '=G123498654321', 'G123498654321A0'])('refuses %p as not a DIN', (v) => {
    expect(() => parseDin(v)).toThrow(DomainError);
  });

  it('a single changed digit or a swap of neighbours changes the check character', () => {
    const base = mod37_2('W123426000001');
    expect(mod37_2('W123426000002')).not.toBe(base);
    expect(mod37_2('W123426000010')).not.toBe(base);
  });

  it('formats facility + 2-digit year + 6-digit sequence', () => {
    expect(formatDin('W1234', 2026, 42)).toBe('W123426000042');
  });

  it('ISBT 128 ST-001 (facility identification number): the first character is A–N, P–Z or 1–9 — digits allowed, never O or 0', () => {
    expect(parseDin('1123498654321').din).toBe('1123498654321');
    expect(parseDin('P123426000001').din).toBe('P123426000001');
    expect(FACILITY_ID_PATTERN.test('91234')).toBe(true);
    for (const bad of ['O1234', '01234', 'W123', 'WW234']) expect(FACILITY_ID_PATTERN.test(bad)).toBe(false);
  });

  it('ISBT 128 data structure 001: the DIN with its 2 flag characters (=αppppyynnnnnnff, "=" optional, check character optional) is accepted and the flags kept', () => {
    const check = mod37_2('G123498654321');
    expect(parseDin('=G12349865432100')).toEqual({ din: 'G123498654321', dinCheck: 'H', flags: '00' });
    expect(parseDin('G12349865432107')).toEqual({ din: 'G123498654321', dinCheck: 'H', flags: '07' });
    expect(parseDin(`G12349865432100${check}`)).toEqual({ din: 'G123498654321', dinCheck: 'H', flags: '00' });
    expect(() => parseDin('G12349865432100A')).toThrow(/does not match/);
    // type 3 flags (60–96) carry the check character: 60 + its value ('H' = 17 → 77)
    expect(parseDin('=G12349865432177').flags).toBe('77');
    expect(() => parseDin('=G12349865432178')).toThrow(/flag characters 78/);
  });
});
