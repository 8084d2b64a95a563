/**
 * The unit state machine (DESIGN.md section 2). The database holds the same table
 * (`unit_status_transitions`) and refuses any other change; this copy lets the API name the allowed
 * transitions and lets the rules be tested as plain functions. An e2e test keeps the two equal.
 */
export const UNIT_STATUSES = [
  'collected',
  'received',
  'processed',
  'quarantine',
  'available',
  'reserved',
  'shipped',
  'delivered',
  'infused',
  'rejected',
  'on_hold',
  'discarded',
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const TRANSITIONS: Readonly<Record<UnitStatus, readonly UnitStatus[]>> = {
  collected: ['received', 'rejected', 'on_hold', 'discarded'],
  received: ['processed', 'rejected', 'on_hold', 'discarded'],
  processed: ['quarantine', 'on_hold', 'discarded'],
  quarantine: ['available', 'on_hold', 'discarded'],
  available: ['reserved', 'on_hold', 'discarded'],
  reserved: ['shipped', 'available', 'on_hold'],
  shipped: ['delivered', 'discarded'],
  delivered: ['infused', 'discarded'],
  infused: [],
  rejected: ['discarded'],
  // leaving a hold goes back to where the unit came from (or to discarded): see allowedFrom
  on_hold: ['discarded'],
  discarded: [],
};

/** What `status` may become next; a unit on hold may return to the state it came from. */
export function allowedFrom(status: UnitStatus, holdFrom?: UnitStatus | null): UnitStatus[] {
  if (status === 'on_hold') return holdFrom ? [holdFrom, 'discarded'] : ['discarded'];
  return [...TRANSITIONS[status]];
}

export function canTransition(from: UnitStatus, to: UnitStatus, holdFrom?: UnitStatus | null): boolean {
  return allowedFrom(from, holdFrom).includes(to);
}


/** Acts that need an electronic signature (21 CFR Part 11.200; DESIGN.md section 4). */
export function needsSignature(to: UnitStatus): boolean {
  return to === 'available' || to === 'discarded';
}
