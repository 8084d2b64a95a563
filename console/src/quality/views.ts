import type { Schemas } from '../api/client';

/**
 * Answers of the quality, look-back and supplies routes that the OpenAPI document describes only in
 * words (no response schema yet), as the service composes them (src/quality/deviations.service.ts
 * `get`/`list`, adverse-reactions.service.ts `view`, src/lookbacks/lookbacks.service.ts,
 * src/supplies/supplies.service.ts). When the document gains their schemas these become aliases.
 */
export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type DeviationStatus = 'open' | 'investigating' | 'closed';
export type DeviationSeverity = Schemas['CreateDeviationDto']['severity'];
export type DeviationCategory = Schemas['CreateDeviationDto']['category'];
export const DEVIATION_CATEGORIES: DeviationCategory[] = ['collection', 'receipt', 'processing', 'testing', 'storage', 'labeling', 'distribution', 'documentation', 'equipment', 'supplies', 'other'];
export const DEVIATION_SEVERITIES: DeviationSeverity[] = ['minor', 'major', 'critical'];
/** QA's decision per unit of a deviation (src/quality/dto/quality.dto.ts DISPOSITIONS). */
export const DEVIATION_DISPOSITIONS = ['use_as_is', 'discard', 'not_affected', 'distributed_consignee_notified'] as const;

export interface DeviationSummary {
  id: string;
  deviationNumber: string;
  status: DeviationStatus;
  title: string;
  severity: DeviationSeverity;
  category: DeviationCategory;
  occurredAt: string;
  discoveredAt: string;
  source: string;
  sourceReference: string | null;
}

export interface DeviationListItem extends DeviationSummary {
  unitCount: number;
  openCapaActions: number;
  overdueCapaActions: number;
  nextCapaDue: string | null;
}

export interface DocumentMeta {
  id: string;
  title: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  superseded: boolean;
  fileName?: string;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  action: string;
  actor: { type?: string; id?: string; name: string | null } | string | null;
  reason: string | null;
}

export interface DeviationView extends DeviationSummary {
  description: string;
  whereFound: string;
  reportedBy: { id: string; name: string };
  investigation: string | null;
  rootCause: string | null;
  units: {
    din: string;
    dinCheck: string;
    unitStatus: string;
    statusWhenAdded: string;
    hold: 'placed' | 'already_on_hold' | 'not_held';
    notHeldReason: string | null;
    disposition: { decision: string; reason: string; at: string; by: string } | null;
  }[];
  capaActions: {
    id: string;
    kind: Schemas['CapaActionDto']['kind'];
    description: string;
    owner: string;
    dueDate: string;
    overdue: boolean;
    done: { at: string; by: string; note: string } | null;
    effectiveness: { result: string; note: string; checkedAt: string } | null;
  }[];
  documents: DocumentMeta[];
  adverseReaction: { id: string; reactionNumber: string } | null;
  fdaReport: { required: boolean; dueDate: string | null; daysLeft: number | null; overdue: boolean; reportedAt: string | null; reference: string | null; notRequiredReason: string | null };
  closure: { closedAt: string; closedBy: { id: string; name: string }; summary: string } | null;
  closureBlockers: string[];
  history: HistoryEntry[];
}

export interface AdverseReactionView {
  id: string;
  reactionNumber: string;
  releaseRequest: { id: string; requestNumber: string };
  din: string;
  onsetAt: string;
  receivedAt: string;
  description: string;
  severity: Schemas['CreateAdverseReactionDto']['severity'];
  serious: boolean;
  seriousnessCriteria: string[];
  communicableDisease: boolean;
  causality: string;
  investigation: string | null;
  productImplicated: boolean;
  deviation: { id: string; deviationNumber: string } | null;
  fdaReport: { required: boolean; dueDate: string | null; daysLeft: number | null; overdue: boolean; reportedAt: string | null; reference: string | null };
  reportedBy: { id: string; name: string };
}

export type LookbackTrigger = { type: 'donor'; donorId: string; donorNumber: string } | { type: 'supply_lot'; supplyLotId: string; lotNumber: string; supplyType: string; manufacturer: string } | { type: 'freezer'; freezerId: string; freezerCode: string; freezerName: string; from: string; to: string } | { type: 'dins'; dins: string[] };

export interface LookbackNotification {
  id: string;
  notifiedAt: string;
  method: string;
  contact: string;
  acknowledged: boolean;
  acknowledgedAt: string | null;
  notes: string | null;
  recordedBy: string;
}

export interface LookbackView {
  id: string;
  number: string;
  status: 'open' | 'closed';
  triggerType: LookbackTrigger['type'];
  trigger: LookbackTrigger;
  reason: string;
  opened: { by: string; byId: string; at: string };
  unitCount: number;
  heldCount: number;
  closure: { by: string; at: string; note: string } | null;
  units?: { byAction: Record<string, number>; pendingDisposition: number };
  consignees?: { id: string; facility: string; physician: string; dins: string[]; requestNumbers: string[]; notified: boolean; acknowledged: boolean; notifications: LookbackNotification[] }[];
  closable?: boolean;
  pendingDisposition?: number;
  consigneesToNotify?: number;
}

export interface LookbackUnit {
  din: string;
  foundStatus: string;
  action: 'held' | 'already_on_hold' | 'distributed' | 'out_of_inventory';
  currentStatus: string;
  requestNumber: string | null;
  facility: string | null;
  physician: string | null;
  disposition: string | null;
  dispositionNote: string | null;
  dispositionedBy: string | null;
  dispositionedAt: string | null;
}

export type SupplyType = Schemas['CreateSupplyLotDto']['type'];
export const SUPPLY_TYPES: SupplyType[] = ['collection_bag', 'anticoagulant', 'cryoprotectant', 'hetastarch', 'reagent', 'freezing_bag'];

export interface SupplyLot {
  id: string;
  type: SupplyType;
  manufacturer: string;
  lotNumber: string;
  description: string | null;
  expiresOn: string;
  receivedOn: string;
  qcStatus: 'pending' | 'accepted' | 'rejected';
  qcDecision: { by: string; at: string; note: string | null } | null;
  usable: boolean;
  recordedBy: string;
  unitCount?: number;
}

export interface LotUnits extends Paged<{ din: string; status: string; stage: string; usedAt: string; exceptionId: string | null }> {
  lot: SupplyLot;
}

export type EquipmentType = Schemas['CreateEquipmentDto']['type'];
export const EQUIPMENT_TYPES: EquipmentType[] = ['centrifuge', 'cell_processor', 'controlled_rate_freezer', 'cell_counter', 'flow_cytometer', 'biosafety_cabinet', 'balance', 'sterile_connector', 'tube_sealer', 'thermometer', 'other'];

export interface Equipment {
  id: string;
  type: EquipmentType;
  name: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string;
  location: string | null;
  calibrationDueOn: string | null;
  maintenanceDueOn: string | null;
  inService: boolean;
  usable: boolean;
  recordedBy: string;
  services?: { id: string; kind: string; performedOn: string; performedBy: string; nextDueOn: string; certificate: string | null; notes: string | null; recordedBy: string }[];
}

export interface SupplyException {
  id: string;
  supplyLotId: string | null;
  equipmentId: string | null;
  din: string | null;
  reason: string;
  validUntil: string;
  grantedBy: string;
  grantedAt: string;
  valid: boolean;
}

/** Words for an API enum value: `use_as_is` → `use as is`. */
export const words = (s: string | null | undefined): string => (s ? s.replace(/_/g, ' ') : '—');

/** Today as YYYY-MM-DD (the API's date fields), `plusDays` later. */
export function isoDay(plusDays = 0): string {
  return new Date(Date.now() + plusDays * 86400_000).toISOString().slice(0, 10);
}
