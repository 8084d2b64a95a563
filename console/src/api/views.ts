import type { Schemas } from './client';

/**
 * Answers the OpenAPI document describes only in words (no response schema yet), as the service
 * composes them (src/units/units.service.ts `compose`, src/donors/donors.service.ts `get`). When the
 * document gains their schemas, these become aliases of `Schemas[...]`.
 */
export type UnitStatus = Schemas['UnitSummary']['status'];

export interface UnitView {
  din: string;
  dinCheck: string;
  status: UnitStatus;
  holdFromStatus: UnitStatus | null;
  allowedTransitions: UnitStatus[];
  releaseCheck?: { ready: boolean; unmet: string[] };
  bankingType: 'public' | 'family';
  donorId: string;
  donorNumber: string | null;
  collection: Record<string, unknown> | null;
  receipt: { receivedAt: string; temperatureOk: boolean; containerIntact?: boolean | null; contaminationSuspected?: boolean | null; notes: string | null } | null;
  acceptanceFlags: string[] | null;
  acceptance: { status: 'accepted' | 'pending' | 'rejected'; decidedAt: string | null; decidedBy: { id: string; name: string | null } | null; reason: string | null } | null;
  processing: { processedAt: string; volumeMl: number; tncCount: number; cd34Count: number; viabilityPct: number; cfuCount: number | null; nrbcCount: number | null; method: string | null } | null;
  abo: string | null;
  rh: string | null;
  hla: (Record<string, string[] | string | null> & { resolution?: string; typedAt?: string }) | null;
  sterility: { aerobic: string; anaerobic: string; organism: string | null; resultedAt: string } | null;
  position: { id?: string; label?: string; freezerName?: string; freezerId?: string; boxId?: string } | null;
  custodian: { name: string; since: string } | null;
  excursions: unknown[];
  reservation: unknown;
  discardReason: string | null;
  rejectionReason: string | null;
}

export interface UnitPage {
  items: UnitView[];
  page: number;
  pageSize: number;
  total: number;
}

export type DonorFile = Schemas['DonorView'] & {
  consents: { id: string; type: string; formVersion: string; signedAt: string; withdrawnAt: string | null; withdrawalReason: string | null; active: boolean }[];
  screenings: { id: string; version: string; completedAt: string; deferralReasons: string[] }[];
  infectiousDiseaseTests: { id: string; marker: string; result: string; sampleDrawnAt: string; testedAt: string | null; method: string | null; lab: string | null; source: string }[];
  units: { din: string; status: UnitStatus }[];
};

export interface DonorPage {
  items: Schemas['DonorView'][];
  page: number;
  pageSize: number;
  total: number;
}
