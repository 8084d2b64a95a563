import type { Equipment } from '../quality/views';

/**
 * GET /equipment/:id as src/supplies/supplies.service.ts `getEquipment` composes it (the OpenAPI
 * document describes it only in words): the equipment, its out-of-service state, every calibration
 * and maintenance (newest first), its out-of-service history from its audit chain, and the units
 * that used it since its last calibration (what an equipment look-back finds by default).
 */
export interface EquipmentDetail extends Equipment {
  outOfService: { since: string; reason: string; by: string; byId: string } | null;
  services: { id: string; kind: 'calibration' | 'maintenance'; performedOn: string; performedBy: string; nextDueOn: string; certificate: string | null; notes: string | null; recordedBy: string; recordedAt: string }[];
  serviceHistory: { seq: number; at: string; change: 'out_of_service' | 'returned_to_service'; reason: string | null; by: string | null; byId: string | null }[];
  sinceLastCalibration: { from: string; unitsUsedIt: number; lookback: { type: 'equipment'; equipmentId: string } };
}

/** The list's state filter (GET /equipment?state=). */
export const EQUIPMENT_STATES = ['in_service', 'out_of_service', 'due_soon', 'overdue'] as const;
export type EquipmentState = (typeof EQUIPMENT_STATES)[number];
