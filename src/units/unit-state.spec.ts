import { describe, expect, it } from '@jest/globals';
import { UNIT_STATUSES, allowedFrom, canTransition, needsSignature } from './unit-state';

describe('unit state machine (DESIGN.md section 2)', () => {
  it('FACT-NetCord: follows collected → received → processed → quarantine → available → reserved → shipped → delivered → infused', () => {
    const path = ['collected', 'received', 'processed', 'quarantine', 'available', 'reserved', 'shipped', 'delivered', 'infused'] as const;
    for (let i = 0; i + 1 < path.length; i++) expect(canTransition(path[i], path[i + 1])).toBe(true);
  });

  it('refuses skipping steps and leaving terminal states', () => {
    expect(canTransition('collected', 'available')).toBe(false);
    expect(canTransition('processed', 'available')).toBe(false);
    expect(canTransition('quarantine', 'reserved')).toBe(false);
    expect(allowedFrom('infused')).toEqual([]);
    expect(allowedFrom('discarded')).toEqual([]);
  });

  it('a hold returns only to the state it came from, or to discarded', () => {
    expect(allowedFrom('on_hold', 'quarantine')).toEqual(['quarantine', 'discarded']);
    expect(canTransition('on_hold', 'available', 'quarantine')).toBe(false);
    expect(canTransition('on_hold', 'available', 'available')).toBe(true);
  });

  it('cancelling a reservation returns the unit to available', () => {
    expect(canTransition('reserved', 'available')).toBe(true);
  });

  it('every status but the terminal ones can be discarded or held somewhere along the way', () => {
    for (const s of UNIT_STATUSES) {
      if (['infused', 'discarded'].includes(s)) continue;
      expect(allowedFrom(s, 'quarantine').some((t) => t === 'discarded' || t === 'on_hold' || t === 'available')).toBe(true);
    }
  });

  it('Part 11.200: release to available and discard need an e-signature', () => {
    expect(needsSignature('available')).toBe(true);
    expect(needsSignature('discarded')).toBe(true);
    expect(needsSignature('on_hold')).toBe(false);
  });
});
