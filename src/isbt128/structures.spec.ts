import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mod37_2 } from '../common/din';
import {
  IsbtReadError, checkFlag, decodeBloodGroups, decodeCollection, decodeDateTime, decodeDin, decodeExpiration, decodeProductCode, decodeSpecialTesting,
  encodeBloodGroups, encodeCollection, encodeCompound, encodeDateTime, encodeDin, encodeExpiration, encodeProductCode, encodeSpecialTesting, readScan,
} from './structures';

const readError = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof IsbtReadError) return e.message;
    throw e;
  }
  throw new Error('expected an IsbtReadError');
};

describe('ISBT 128 data structures (ST-001 v6.2.2)', () => {
  describe('001 Donation Identification Number', () => {
    it('ST-001 Figure 2: A9999 21 123456 with flags 01 has check character 3', () => {
      const f = decodeDin('=A99992112345601');
      expect(f).toMatchObject({ din: 'A999921123456', facility: 'A9999', year: '21', sequence: '123456', flags: '01', flagType: 'iccbba', dinCheck: '3' });
    });

    it('ST-001 Table 3: a type 3 flag is 60 + the Mod 37-2 check value (check 3 → 63), and is verified on reading', () => {
      expect(checkFlag('A999921123456')).toBe('63');
      expect(encodeDin('A999921123456')).toBe('=A99992112345663');
      expect(decodeDin('=A99992112345663')).toMatchObject({ flagType: 'check', flagCheckValid: true });
      expect(decodeDin('=A99992112345664')).toMatchObject({ flagType: 'check', flagCheckValid: false });
      // a check character '*' is value 36: flag 96
      const star = ['W123426000000', 'W123426000001', 'W123426000002', 'W123426000003', 'W123426000004', 'W123426000005', 'W123426000006', 'W123426000007', 'W123426000008', 'W123426000009', 'W123426000010', 'W123426000011', 'W123426000012', 'W123426000013', 'W123426000014', 'W123426000015', 'W123426000016', 'W123426000017', 'W123426000018', 'W123426000019', 'W123426000020', 'W123426000021', 'W123426000022', 'W123426000023', 'W123426000024', 'W123426000025', 'W123426000026', 'W123426000027', 'W123426000028', 'W123426000029', 'W123426000030', 'W123426000031', 'W123426000032', 'W123426000033', 'W123426000034', 'W123426000035', 'W123426000036', 'W123426000037', 'W123426000038'].find((d) => mod37_2(d) === '*');
      expect(star).toBeDefined();
      expect(checkFlag(star!)).toBe('96');
    });

    it('ST-001 Table 3: flags 00 are "not used", 20–59 are local', () => {
      expect(decodeDin('=W12342600000100').flagType).toBe('none');
      expect(decodeDin('=W12342600000142').flagType).toBe('local');
    });

    it('refuses a DIN with a wrong length, a bad first character or bad flags, naming it', () => {
      expect(readError(() => decodeDin('=W1234260000010'))).toMatch(/15 characters/);
      expect(readError(() => decodeDin('=O12342600000100'))).toMatch(/A–N, P–Z or 1–9/);
      expect(readError(() => decodeDin('=W123426000001I0'))).toMatch(/flag characters/);
    });

    it('round-trips every DIN of this bank with its check flag', () => {
      fc.assert(fc.property(fc.constantFrom('W1234', 'A9999', 'Z0001'), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999999 }), (fin, yy, seq) => {
        const din = `${fin}${String(yy).padStart(2, '0')}${String(seq).padStart(6, '0')}`;
        const f = decodeDin(encodeDin(din));
        return f.din === din && f.dinCheck === mod37_2(din) && f.flagCheckValid === true;
      }));
    });
  });

  describe('002 Blood Groups [ABO and RhD]', () => {
    it('ST-001 section 2.2 example: =%6200 is A, RhD positive, no phenotype information', () => {
      expect(decodeBloodGroups('=%6200')).toEqual({ abo: 'A', rh: 'positive', intendedUse: 'not specified', phenotype: '0' });
      expect(encodeBloodGroups('A', 'positive')).toBe('=%6200');
    });

    it('ST-001 Table 4: the eight groups, default and "for autologous use only" columns', () => {
      const table: [string, string, string, string][] = [
        ['O', 'negative', '95', '97'], ['O', 'positive', '51', '53'], ['A', 'negative', '06', '08'], ['A', 'positive', '62', '64'],
        ['B', 'negative', '17', '19'], ['B', 'positive', '73', '75'], ['AB', 'negative', '28', '30'], ['AB', 'positive', '84', '86'],
      ];
      for (const [abo, rh, dflt, auto] of table) {
        expect(encodeBloodGroups(abo as 'O', rh as 'positive')).toBe(`=%${dflt}00`);
        expect(encodeBloodGroups(abo as 'O', rh as 'positive', { autologous: true })).toBe(`=%${auto}00`);
        expect(decodeBloodGroups(`=%${auto}00`)).toMatchObject({ abo, rh, intendedUse: 'for autologous use only' });
      }
    });

    it('ST-001 Table 5: special messages decode as such, with no blood group', () => {
      expect(decodeBloodGroups('=%Mq00')).toMatchObject({ abo: null, rh: null, specialMessage: 'Quarantine/hold for further testing or processing' });
    });

    it('ST-001 section 2.2: the Special Testing structure =\\620000000000000000 is never read as a blood group', () => {
      expect(readError(() => readScan('=\\620000000000000000'))).toMatch(/no ISBT 128 data structure this system reads begins with "=\\"/);
    });

    it('refuses an unknown group code and a non-zero reserved character', () => {
      expect(readError(() => decodeBloodGroups('=%9900'))).toMatch(/"99"/);
      expect(readError(() => decodeBloodGroups('=%5101'))).toMatch(/reserved/);
    });
  });

  describe('003 Product Code', () => {
    it('ST-001 Figure 3: S12954A0 = Product Description Code S1295, collection type 4, division A0', () => {
      expect(decodeProductCode('=<S12954A0')).toEqual({ productDescriptionCode: 'S1295', collectionType: '4', collectionTypeMeaning: 'Designated', division: 'A0' });
    });

    it('DESIGN.md 8: S1128 V 00 encodes as =<S1128V00 (volunteer allogeneic, not divided)', () => {
      expect(encodeProductCode('S1128', 'V')).toBe('=<S1128V00');
      expect(decodeProductCode('=<S1128V00')).toMatchObject({ productDescriptionCode: 'S1128', collectionType: 'V', collectionTypeMeaning: 'Volunteer homologous (allogeneic)', division: '00' });
    });

    it('refuses a malformed product code, naming the part', () => {
      expect(readError(() => decodeProductCode('=<1S128V00'))).toMatch(/Product Description Code/);
      expect(readError(() => decodeProductCode('=<S1128V0A'))).toMatch(/division/);
      expect(readError(() => decodeProductCode('=<S1128V0'))).toMatch(/8 characters/);
    });
  });

  describe('005 / 007 dates and times (cyyjjjhhmm)', () => {
    it('hand-worked: 2018-11-18 13:30 UTC is 0 18 322 1330 (c = 0 for 2000–2099, day 322)', () => {
      const at = new Date('2018-11-18T13:30:00Z');
      expect(encodeDateTime(at)).toBe('0183221330');
      expect(encodeExpiration(at)).toBe('&>0183221330');
      expect(decodeExpiration('&>0183221330')).toEqual({ at: at.toISOString() });
    });

    it('hand-worked: 31 December of a leap year is day 366; 1 January is day 001', () => {
      expect(encodeCollection(new Date('2028-12-31T23:59:00Z'))).toBe('&*0283662359');
      expect(decodeCollection('&*0260010000')).toEqual({ at: '2026-01-01T00:00:00.000Z' });
      expect(readError(() => decodeDateTime('0273661200'))).toMatch(/day of the year 366 does not exist in 2027/);
      expect(readError(() => decodeDateTime('0270012400'))).toMatch(/hour 24/);
    });

    it('round-trips every minute between 2000 and 2099', () => {
      fc.assert(fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:00Z'), noInvalidDate: true }), (d) => {
        const minute = new Date(Math.floor(d.getTime() / 60_000) * 60_000);
        return decodeDateTime(encodeDateTime(minute)).getTime() === minute.getTime();
      }));
    });
  });

  describe('010 Special Testing: General', () => {
    it('keeps the 5-character code as read (its meaning is in ICCBBA\'s licensed table)', () => {
      expect(encodeSpecialTesting('N0001')).toBe('&(N0001');
      expect(decodeSpecialTesting('&(N0001')).toEqual({ code: 'N0001' });
      expect(readError(() => decodeSpecialTesting('&(n0001'))).toMatch(/5 capital letters or digits/);
    });
  });

  describe('023 Compound Message and reading a scan', () => {
    const parts = [encodeDin('W123426000001'), encodeBloodGroups('O', 'positive'), encodeProductCode('S1128', 'V'), encodeExpiration(new Date('2046-03-10T18:00:00Z')), encodeCollection(new Date('2026-03-09T10:05:00Z'))];

    it('hand-worked: five structures in an undefined sequence = "=+05000" + the structures, no separators', () => {
      const msg = encodeCompound(parts);
      expect(msg).toBe(`=+05000=W123426000001${checkFlag('W123426000001')}=%5100=<S1128V00&>0460691800&*0260681005`);
      const read = readScan(msg);
      expect(read.map((s) => s.number)).toEqual(['023', '001', '002', '003', '005', '007']);
      expect(read[1].fields).toMatchObject({ din: 'W123426000001', flagCheckValid: true });
      expect(read[2].fields).toMatchObject({ abo: 'O', rh: 'positive' });
      expect(read[4].fields).toEqual({ at: '2046-03-10T18:00:00.000Z' });
    });

    it('a compound message that names more structures than follow, or fewer, is refused naming it', () => {
      const msg = encodeCompound(parts);
      expect(readError(() => readScan(msg.replace('=+05', '=+06')))).toMatch(/names 6 data structures, only 5 follow/);
      expect(readError(() => readScan(msg.replace('=+05', '=+04')))).toMatch(/names 4 data structures, but more characters follow/);
    });

    it('reads a single structure with its data identifier, and trims what a keyboard wedge adds (CR, LF, AIM prefix)', () => {
      expect(readScan('=%5100\r\n')[0].fields).toMatchObject({ abo: 'O' });
      expect(readScan(']C0=<S1128V00')[0].kind).toBe('productCode');
    });

    it('reads a structure without its data identifier: DIN (13, 14 with check, 15 with flags), product code, blood group', () => {
      expect(readScan('W123426000001')[0].fields).toMatchObject({ din: 'W123426000001' });
      expect(readScan(`W123426000001${mod37_2('W123426000001')}`)[0].fields).toMatchObject({ din: 'W123426000001' });
      expect(readError(() => readScan('W123426000001A'))).toMatch(/check character of W123426000001 is N, not A/);
      expect(readScan('S1128V00')[0].kind).toBe('productCode');
      expect(readScan('5100')[0].fields).toMatchObject({ abo: 'O', rh: 'positive' });
      expect(readError(() => readScan('0460691800'))).toMatch(/can not be told which/);
    });

    it('garbage is refused naming what could not be read, never thrown as anything else', () => {
      for (const junk of ['', '   ', 'hello world', '=', '=+', '=+xx000', '=<', '&>99', '=W1234', '\u0000\u0001', 'é', '=%51', '=<S1128V00=%5100']) {
        expect(readError(() => readScan(junk)).length).toBeGreaterThan(5);
      }
      fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => {
        try {
          readScan(s);
        } catch (e) {
          return e instanceof IsbtReadError;
        }
        return true;
      }), { numRuns: 2000 });
    });
  });
});
