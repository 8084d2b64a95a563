/** One link of a unit's chain of custody, as the chain check needs it. */
export interface CustodyLink {
  seq: number;
  from: string | null;
  to: string;
}

export interface ChainBreak {
  seq: number;
  from: string | null;
  /** the previous event's `to`: who should have handed the unit over */
  expectedFrom: string;
}

/**
 * FACT-NetCord chain of custody (21 CFR 1271.290 tracking): the chain is complete when it has at
 * least one event and every event's `from` is the previous event's `to`. Breaks are named by seq.
 */
export function chainCompleteness(events: readonly CustodyLink[]): { complete: boolean; breaks: ChainBreak[] } {
  const breaks: ChainBreak[] = [];
  for (let i = 1; i < events.length; i++) {
    if (events[i].from !== events[i - 1].to) breaks.push({ seq: events[i].seq, from: events[i].from, expectedFrom: events[i - 1].to });
  }
  return { complete: events.length > 0 && breaks.length === 0, breaks };
}
