import type { LabelFacts, LabelStage } from './label-model';

/**
 * A made-up unit at each label stage (for the benchmark and the pictures in docs/labels/): its
 * product code comes from the EXAMPLE table, not ICCBBA's.
 */
export function sampleFacts(stage: LabelStage, overrides: Partial<LabelFacts> = {}): LabelFacts {
  const processed = stage !== 'collection';
  return {
    din: 'W123426000001',
    dinCheck: 'N',
    status: stage === 'collection' ? 'collected' : stage === 'processing' ? 'quarantine' : stage === 'final' ? 'available' : 'reserved',
    bankingType: 'public',
    facilityId: 'W1234',
    facilityName: 'Processing laboratory',
    collectedAt: new Date('2026-03-09T10:05:00Z'),
    anticoagulantVolumeMl: 35,
    processedAt: processed ? new Date('2026-03-10T18:00:00Z') : null,
    volumeMl: processed ? 25 : null,
    abo: stage === 'collection' ? null : 'O',
    rh: stage === 'collection' ? null : 'positive',
    productCode: processed ? 'S1128' : null,
    productCodeVersion: processed ? 1 : null,
    productDescription: processed ? 'EXAMPLE (not ICCBBA): HPC, CORD BLOOD, cryopreserved, plasma and red cell reduced' : null,
    eligibility: stage === 'collection' || stage === 'processing' ? { status: 'incomplete', reasons: ['HIV-1: not tested'] } : { status: 'eligible', reasons: [] },
    reactiveMarkers: [],
    shipment: stage === 'shipping' ? { requestNumber: 'RR000042', facility: "Children's Hospital Transplant Center", physician: 'Dr. A. Moreau', status: 'approved' } : null,
    ...overrides,
  };
}
