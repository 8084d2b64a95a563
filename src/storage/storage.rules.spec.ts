import { describe, expect, it } from '@jest/globals';
import {
  RETRIEVABLE_STATES,
  STORABLE_STATES,
  canRetrieve,
  excursionStep,
  freezerCode,
  freezerParty,
  isBoxLabel,
  isFreezerCode,
  isPositionLabel,
  layoutErrors,
  positionLabel,
  rowLetter,
} from './storage.rules';

describe('storage rules', () => {
  describe(layoutErrors.name, () => {
    it('accepts a usual dewar layout and exactly 100,000 positions', () => {
      expect(layoutErrors({ racks: 6, boxesPerRack: 13, rows: 5, columns: 5 })).toEqual([]);
      expect(layoutErrors({ racks: 100, boxesPerRack: 10, rows: 10, columns: 10 })).toEqual([]);
    });

    it('refuses zero, negative, fractional and oversize dimensions, naming the field', () => {
      expect(layoutErrors({ racks: 0, boxesPerRack: 1, rows: 1, columns: 1 }).map((e) => e.field)).toEqual(['racks']);
      expect(layoutErrors({ racks: 1, boxesPerRack: -2, rows: 1.5, columns: 1 }).map((e) => e.field)).toEqual(['boxesPerRack', 'rows']);
      expect(layoutErrors({ racks: 1, boxesPerRack: 1, rows: 27, columns: 100 }).map((e) => e.field)).toEqual(['rows', 'columns']);
    });

    it('refuses more than 100,000 positions in one freezer', () => {
      const errs = layoutErrors({ racks: 100, boxesPerRack: 10, rows: 10, columns: 11 });
      expect(errs).toHaveLength(1);
      expect(errs[0].field).toBe('layout');
      expect(errs[0].message).toContain('110000');
    });
  });

  describe('labels', () => {
    it('readable labels: F01-R03-B07-C4 (row letter, column number), wider numbers past 99', () => {
      expect(positionLabel(1, 3, 7, 3, 4)).toBe('F01-R03-B07-C4');
      expect(positionLabel(12, 100, 1, 26, 99)).toBe('F12-R100-B01-Z99');
      expect(freezerCode(7)).toBe('F07');
      expect(freezerCode(123)).toBe('F123');
      expect(rowLetter(1)).toBe('A');
    });

    it('recognises codes and labels in any case, and nothing else', () => {
      expect(isFreezerCode('f01')).toBe(true);
      expect(isFreezerCode('F1')).toBe(true);
      expect(isFreezerCode('F')).toBe(false);
      expect(isBoxLabel('F01-R03-B07')).toBe(true);
      expect(isPositionLabel('f01-r03-b07-c4')).toBe(true);
      expect(isPositionLabel('F01-R03-B07')).toBe(false);
      expect(isPositionLabel("F01-R03-B07-C4' OR 1=1")).toBe(false);
    });

    it('FACT-NetCord chain of custody: the freezer is the custodian, named by code and name', () => {
      expect(freezerParty('F02', 'Dewar B')).toBe('freezer F02 (Dewar B)');
    });
  });

  describe('storable and retrievable states', () => {
    it('DESIGN.md section 2: processed, quarantine, available and on_hold units can be stored; nothing else', () => {
      expect([...STORABLE_STATES].sort()).toEqual(['available', 'on_hold', 'processed', 'quarantine']);
    });

    it('an available unit is never retrieved (the database requires a position for it)', () => {
      for (const reason of Object.keys(RETRIEVABLE_STATES) as (keyof typeof RETRIEVABLE_STATES)[]) {
        expect(canRetrieve('available', reason)).toBe(false);
      }
    });

    it('shipping takes a reserved unit, discard a discarded one, testing one in quarantine or on hold', () => {
      expect(canRetrieve('reserved', 'shipping')).toBe(true);
      expect(canRetrieve('quarantine', 'shipping')).toBe(false);
      expect(canRetrieve('discarded', 'discard')).toBe(true);
      expect(canRetrieve('quarantine', 'discard')).toBe(false);
      expect(canRetrieve('quarantine', 'testing')).toBe(true);
      expect(canRetrieve('on_hold', 'testing')).toBe(true);
      expect(canRetrieve('reserved', 'testing')).toBe(false);
    });
  });

  describe(excursionStep.name, () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    const t1 = new Date('2026-01-01T00:10:00Z');

    it('FACT-NetCord storage monitoring: above the limit opens, stays open, and back within closes', () => {
      expect(excursionStep({ aboveLimit: true, readAt: t1, newestReadAt: t0, open: false })).toBe('open');
      expect(excursionStep({ aboveLimit: true, readAt: t1, newestReadAt: t0, open: true })).toBe('continue');
      expect(excursionStep({ aboveLimit: false, readAt: t1, newestReadAt: t0, open: true })).toBe('close');
      expect(excursionStep({ aboveLimit: false, readAt: t1, newestReadAt: null, open: false })).toBe('none');
      expect(excursionStep({ aboveLimit: true, readAt: t0, newestReadAt: null, open: false })).toBe('open');
    });

    it('a reading older than the newest one is late, whatever its value (it must not close an excursion)', () => {
      expect(excursionStep({ aboveLimit: false, readAt: t0, newestReadAt: t1, open: true })).toBe('late');
      expect(excursionStep({ aboveLimit: true, readAt: t0, newestReadAt: t1, open: false })).toBe('late');
      expect(excursionStep({ aboveLimit: false, readAt: t1, newestReadAt: t1, open: true })).toBe('close');
    });
  });
});
