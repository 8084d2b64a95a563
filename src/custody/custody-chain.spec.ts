import { describe, expect, it } from '@jest/globals';
import { chainCompleteness } from './custody-chain';

describe(chainCompleteness.name, () => {
  const collected = { seq: 1, from: null, to: 'J. Rivera (St Mary)' };
  const received = { seq: 2, from: 'J. Rivera (St Mary)', to: 'Processing laboratory' };
  const stored = { seq: 3, from: 'Processing laboratory', to: 'freezer F01 (Dewar A)' };

  it('FACT-NetCord: complete when every event hands over from the previous holder', () => {
    expect(chainCompleteness([collected, received, stored])).toEqual({ complete: true, breaks: [] });
  });

  it('FACT-NetCord: a handover from someone who did not hold the unit breaks the chain, named by seq', () => {
    const r = chainCompleteness([collected, received, { seq: 3, from: 'Courier X', to: 'freezer F01 (Dewar A)' }]);
    expect(r.complete).toBe(false);
    expect(r.breaks).toEqual([{ seq: 3, from: 'Courier X', expectedFrom: 'Processing laboratory' }]);
  });

  it('an empty chain is not complete; a single first event is', () => {
    expect(chainCompleteness([]).complete).toBe(false);
    expect(chainCompleteness([collected]).complete).toBe(true);
  });

  it('names are compared exactly', () => {
    expect(chainCompleteness([collected, { ...received, from: 'j. rivera (st mary)' }]).complete).toBe(false);
  });
});
