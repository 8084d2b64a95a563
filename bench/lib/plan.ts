import { randomUUID } from 'node:crypto';
import { mod37_2 } from '../../src/common/din';
import { ALL_MARKERS } from '../../src/donors/eligibility';
import { cellDose, gradeMatch } from '../../src/search/hla';
import { LOCI, randomTyping } from './hla';
import type { Typing } from './hla';
import { Rng, Weighted } from './random';

/**
 * What the generator makes of each unit: its donor, its collection, the road it took through the
 * state machine and every result on the way. A unit's plan depends only on the seed and its index,
 * so batches can be built in any order, by any worker, and a re-run makes the same bank.
 */

export type FinalStatus =
  | 'collected' | 'received' | 'processed' | 'quarantine' | 'available' | 'on_hold'
  | 'reserved' | 'shipped' | 'delivered' | 'infused' | 'rejected' | 'discarded';

/** Where a discarded unit was discarded from, and why. */
export type DiscardPath = 'rejected' | 'low_tnc' | 'sterility' | 'donor_ineligible' | 'qa';

export const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Share of each final road among units older than the newest 6 % (per 94): about 60 % of all units end available. */
type Road = FinalStatus | `discarded:${DiscardPath}` | 'on_hold:available' | 'on_hold:quarantine' | 'available:cancelled';
const OLDER = new Weighted<Road>([
  { value: 'available', weight: 59.4 },
  { value: 'available:cancelled', weight: 0.6 },
  { value: 'quarantine', weight: 10 },
  { value: 'on_hold:available', weight: 1.5 },
  { value: 'on_hold:quarantine', weight: 0.5 },
  { value: 'reserved', weight: 0.6 },
  { value: 'shipped', weight: 0.2 },
  { value: 'delivered', weight: 0.2 },
  { value: 'infused', weight: 2.5 },
  { value: 'rejected', weight: 4 },
  { value: 'discarded:rejected', weight: 2 },
  { value: 'discarded:low_tnc', weight: 7 },
  { value: 'discarded:sterility', weight: 1.5 },
  { value: 'discarded:donor_ineligible', weight: 2 },
  { value: 'discarded:qa', weight: 2 },
]);
/** The newest 6 %: units still on their way through the laboratory. */
const NEWEST = new Weighted<Road>([
  { value: 'collected', weight: 2 },
  { value: 'received', weight: 1.5 },
  { value: 'processed', weight: 1.5 },
  { value: 'quarantine', weight: 1 },
]);

export interface Skeleton {
  rng: Rng;
  road: Road;
  collectedAt: number;
}

/** The first draws of a unit: its road and collection time (the pre-pass needs only these). */
export function skeleton(seed: number, i: number, n: number, now: number): Skeleton {
  const rng = Rng.for(seed, i);
  const age = i / n;
  const road = age >= 0.94 ? NEWEST.pick(rng) : OLDER.pick(rng);
  const span = 10 * 365 * DAY;
  let collectedAt: number;
  if (road === 'collected') collectedAt = now - rng.int(2, 48) * HOUR;
  else if (road === 'received') collectedAt = now - rng.int(50, 96) * HOUR;
  else if (road === 'processed') collectedAt = now - rng.int(70, 120) * HOUR;
  else if (road === 'quarantine') collectedAt = now - rng.int(20, 200) * DAY - rng.int(0, 23) * HOUR;
  else collectedAt = Math.min(now - 60 * DAY, now - span + age * span + rng.int(0, 23) * HOUR);
  return { rng, road, collectedAt };
}

/** Units that were put in a freezer at some point (they get a position, kept or later given up). */
export function isStored(road: Road): boolean {
  return !['collected', 'received', 'processed', 'rejected', 'discarded:rejected', 'discarded:low_tnc'].includes(road);
}

export interface DonorPlan {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  bankingType: 'public' | 'family';
  ethnicity: string | null;
  createdAt: Date;
  consents: { type: string; formVersion: string; signedAt: Date }[];
  screening: { version: string; completedAt: Date };
  idm: { marker: string; result: string; sampleDrawnAt: Date; testedAt: Date; method: string; lab: string }[];
}

export interface ResultPlan {
  at: Date;
  data: Record<string, unknown>;
}

export interface ReleasePlan {
  id: string;
  facility: string;
  physician: string;
  patientId: string;
  weightKg: number;
  diagnosis: string;
  patientHla: Typing | null;
  intendedUse: string;
  neededBy: Date;
  createdAt: Date;
  /** how far it got: reserved, approved, shipped, delivered, completed; or cancelled after reserving */
  stage: 'reserved' | 'approved' | 'shipped' | 'delivered' | 'completed' | 'cancelled';
  matchGrade: string | null;
  matchDetail: Record<string, unknown> | null;
  tncPerKg: number;
  cd34PerKg: number | null;
  overrideReason: string | null;
  reservedAt: Date;
  approvedAt: Date;
  dispatchedAt: Date;
  courier: string;
  shipperId: string;
  loggerId: string;
  receivedAt: Date;
  receivedBy: string;
  infusedAt: Date;
}

export interface UnitPlan {
  i: number;
  din: string;
  dinCheck: string;
  final: FinalStatus;
  road: Road;
  donor: DonorPlan;
  collection: {
    hospital: string; collectedBy: string; birthAt: Date; collectedAt: Date; deliveryType: string; gestationalAgeWeeks: number;
    method: string; bagLot: string; anticoagulantVolumeMl: number; grossVolumeMl: number;
  };
  receipt?: ResultPlan & { temperatureOk: boolean; flags: string[] };
  rejectReason?: string;
  processing?: ResultPlan & { tncCount: number; cd34Count: number; flags: string[] };
  /** label of the position it was stored in */
  position?: string;
  storedAt?: Date;
  abo?: ResultPlan;
  hla?: ResultPlan & { typing: Typing };
  sterility?: ResultPlan & { positive: boolean };
  discard?: { path: DiscardPath; reason: string; at: Date; retrieveAt: Date | null };
  releasedAt?: Date;
  hold?: { reason: string; at: Date };
  release?: ReleasePlan;
}

const FIRST = ['Emma', 'Olivia', 'Sophia', 'Amelia', 'Mia', 'Aisha', 'Chloé', 'Fatima', 'Hannah', 'Ingrid', 'Julia', 'Léa', 'Maria', 'Nadia', 'Priya', 'Sara', 'Yuki', 'Zoe', 'Ana', 'Camille'];
const LAST = ['Smith', 'Müller', 'García', 'Rossi', 'Dubois', 'Nowak', 'Kowalski', 'Johansson', 'Okafor', 'Nguyen', 'Patel', 'Kim', 'Silva', 'Jansen', 'Novak', 'Ahmed', 'Martin', 'Schmidt', 'López', 'Wilson'];
const ETHNICITY = new Weighted<string | null>([
  { value: 'European', weight: 55 }, { value: 'African', weight: 10 }, { value: 'Hispanic or Latino', weight: 12 }, { value: 'Asian', weight: 10 },
  { value: 'Middle Eastern', weight: 4 }, { value: 'Mixed', weight: 4 }, { value: null, weight: 5 },
]);
export const HOSPITALS = Array.from({ length: 40 }, (_, k) => `Maternity ${['North', 'South', 'East', 'West', 'Central'][k % 5]} ${k + 1}`);
const COLLECTORS = Array.from({ length: 120 }, (_, k) => `Midwife ${String(k + 1).padStart(3, '0')}`);
const FACILITIES = ['Children’s Hospital Transplant Centre', 'University Hospital BMT Unit', 'Paediatric Cardiology Trials Unit', 'Regional Cancer Centre', 'St. Mary’s Transplant Programme'];
const DIAGNOSES = ['acute lymphoblastic leukaemia', 'acute myeloid leukaemia', 'severe combined immunodeficiency', 'Hurler syndrome', 'hypoplastic left heart syndrome', 'aplastic anaemia', 'thalassaemia major', 'sickle cell disease'];
const ABO = new Weighted<[string, string]>([
  { value: ['O', 'positive'], weight: 37 }, { value: ['A', 'positive'], weight: 34 }, { value: ['B', 'positive'], weight: 9 }, { value: ['AB', 'positive'], weight: 4 },
  { value: ['O', 'negative'], weight: 7 }, { value: ['A', 'negative'], weight: 6 }, { value: ['B', 'negative'], weight: 2 }, { value: ['AB', 'negative'], weight: 1 },
]);
const REACTIVE = ['anti-HBc', 'HBsAg', 'syphilis', 'HCV', 'HTLV-I/II'];

/** The processing laboratory's name (the service's LAB_NAME default): custodian between receipt and storage. */
export const LAB = process.env.LAB_NAME ?? 'Processing laboratory';

const iso = (ms: number) => new Date(ms);

/** Everything about unit `i` (see skeleton for the first draws). */
export function planUnit(seed: number, i: number, n: number, now: number, din: string, position: string | undefined): UnitPlan {
  const { rng, road, collectedAt } = skeleton(seed, i, n, now);
  const past = (ms: number, margin = HOUR) => Math.min(ms, now - margin);
  const final: FinalStatus = road.startsWith('discarded') ? 'discarded' : (road.split(':')[0] as FinalStatus);
  const bankingType: 'public' | 'family' = rng.chance(0.2) ? 'family' : 'public';
  const c = collectedAt;
  const birthAt = c - rng.int(5, 25) * 60_000;
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const donorId = randomUUID();
  const ineligible = road === 'discarded:donor_ineligible';
  const reactive = ineligible ? rng.pick(REACTIVE) : null;
  const drawn = c - rng.int(1, 72) * HOUR;
  const consents: DonorPlan['consents'] = [{ type: bankingType === 'public' ? 'public_donation' : 'family_storage', formVersion: bankingType === 'public' ? 'PD-2019.2' : 'FS-2020.1', signedAt: iso(c - rng.int(20, 120) * DAY) }];
  if (rng.chance(0.3)) consents.push({ type: 'research', formVersion: 'R-2021.1', signedAt: consents[0].signedAt });
  const donor: DonorPlan = {
    id: donorId,
    firstName: first,
    lastName: last,
    dateOfBirth: new Date(c - rng.int(19 * 365, 44 * 365) * DAY).toISOString().slice(0, 10),
    email: rng.chance(0.8) ? `${first.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.${i}@mail.example` : null,
    phone: rng.chance(0.7) ? `+44 7700 ${String(100000 + (i % 900000)).slice(0, 6)}` : null,
    bankingType,
    ethnicity: ETHNICITY.pick(rng),
    createdAt: iso(c - rng.int(20, 120) * DAY),
    consents,
    screening: { version: 'MH-2022.1', completedAt: iso(c - rng.int(1, 20) * DAY) },
    idm: ALL_MARKERS.map((marker) => ({
      marker,
      result: marker === reactive ? 'positive' : marker === 'CMV' && rng.chance(0.5) ? 'positive' : 'negative',
      sampleDrawnAt: iso(drawn),
      testedAt: iso(drawn + rng.int(24, 96) * HOUR),
      method: marker === 'syphilis' ? 'TPPA' : 'NAT/serology',
      lab: 'Regional IDM laboratory',
    })),
  };
  const gross = Math.round(rng.logNormal(85, 1.35) * 10) / 10;
  const plan: UnitPlan = {
    i, din, dinCheck: mod37_2(din), final, road, donor,
    collection: {
      hospital: rng.pick(HOSPITALS), collectedBy: rng.pick(COLLECTORS), birthAt: iso(birthAt), collectedAt: iso(c),
      deliveryType: rng.chance(0.3) ? 'cesarean' : 'vaginal', gestationalAgeWeeks: Math.round(rng.normal(39, 1.3) * 10) / 10,
      method: rng.chance(0.75) ? 'ex_utero' : 'in_utero', bagLot: `LOT-${new Date(c).getUTCFullYear()}-${rng.int(1, 40)}`,
      anticoagulantVolumeMl: 25, grossVolumeMl: gross,
    },
  };
  plan.collection.gestationalAgeWeeks = Math.min(44, Math.max(34, plan.collection.gestationalAgeWeeks));
  if (road === 'collected') return plan;

  // receipt at the laboratory
  let t = c + rng.int(4, 40) * HOUR;
  const temperatureOk = !rng.chance(0.01);
  const flags: string[] = [];
  if (t - c > 48 * HOUR) flags.push('received_after_48h');
  if (!temperatureOk) flags.push('temperature_not_ok');
  if (gross < 40) flags.push('volume_below_minimum');
  plan.receipt = { at: iso(t), temperatureOk, flags, data: { receivedAt: iso(t).toISOString(), temperatureOk } };
  if (road === 'received') return plan;
  if (road === 'rejected' || road === 'discarded:rejected') {
    plan.rejectReason = flags.length ? `acceptance criteria not met: ${flags.join(', ')}` : 'bag damaged at receipt';
    if (road === 'discarded:rejected') plan.discard = { path: 'rejected', reason: 'rejected at receipt: destroyed', at: iso(t + 2 * DAY), retrieveAt: null };
    return plan;
  }

  // processing
  t += rng.int(2, 20) * HOUR;
  const lowTnc = road === 'discarded:low_tnc';
  const tnc = Math.round(lowTnc ? rng.logNormal(6e8, 1.3) : Math.max(9.2e8, rng.logNormal(1.6e9, 1.45)));
  const cd34 = Math.round(tnc * rng.logNormal(0.0035, 1.6));
  plan.processing = {
    at: iso(t), tncCount: tnc, cd34Count: cd34, flags: [...flags, ...(tnc < 9e8 ? ['tnc_below_minimum'] : [])],
    data: {
      processedAt: iso(t).toISOString(), volumeMl: 25, tncCount: tnc, cd34Count: cd34, viabilityPct: Math.round(Math.min(99.9, rng.normal(93, 3)) * 10) / 10,
      cfuCount: Math.round(cd34 * rng.logNormal(0.08, 1.5)), nrbcCount: Math.round(tnc * rng.logNormal(0.06, 1.6)), method: 'Sepax automated volume reduction',
    },
  };
  const [abo, rh] = ABO.pick(rng);
  plan.abo = { at: iso(t), data: { abo, rh } };
  if (road === 'processed') return plan;
  if (lowTnc) {
    plan.discard = { path: 'low_tnc', reason: `TNC ${(tnc / 1e8).toFixed(1)} × 10^8 below the banking threshold`, at: iso(t + 4 * HOUR), retrieveAt: null };
    return plan;
  }

  // stored (quarantine), then the results come in
  t += rng.int(1, 3) * HOUR;
  plan.position = position;
  plan.storedAt = iso(t);
  const pendingResults = road === 'quarantine' || road === 'on_hold:quarantine';
  // family units too: an untyped family unit can not become available while unit_search.typed is NOT NULL (reported)
  const typed = !(pendingResults && rng.chance(0.35));
  if (typed) {
    const typing = randomTyping(rng);
    plan.hla = { at: iso(t + rng.int(3, 12) * DAY), typing, data: { loci: typing, resolution: 'high', method: 'NGS' } };
  }
  const sterilityDone = !(pendingResults && rng.chance(0.4));
  if (sterilityDone) {
    const positive = road === 'discarded:sterility';
    plan.sterility = {
      at: iso(t + rng.int(7, 14) * DAY), positive,
      data: { aerobic: positive ? 'positive' : 'negative', anaerobic: 'negative', ...(positive ? { organism: rng.pick(['Staphylococcus epidermidis', 'Escherichia coli', 'Enterococcus faecalis']) } : {}) },
    };
  }
  const resultsAt = t + 15 * DAY;
  if (road === 'discarded:sterility' || road === 'discarded:donor_ineligible') {
    const reason = road === 'discarded:sterility' ? `sterility culture positive (${plan.sterility!.data.organism})` : `donor ineligible: ${reactive} positive (21 CFR 1271.80)`;
    plan.discard = { path: road === 'discarded:sterility' ? 'sterility' : 'donor_ineligible', reason, at: iso(resultsAt), retrieveAt: rng.chance(0.7) ? iso(resultsAt + rng.int(1, 20) * DAY) : null };
    return plan;
  }
  if (road === 'quarantine') return plan;
  if (road === 'on_hold:quarantine') {
    plan.hold = { reason: 'awaiting maternal follow-up results', at: iso(resultsAt) };
    return plan;
  }

  // released for use by QA (e-signed)
  plan.releasedAt = iso(resultsAt + rng.int(1, 10) * DAY);
  if (road === 'discarded:qa') {
    const at = past(plan.releasedAt.getTime() + rng.int(30, 900) * DAY, 3 * DAY);
    const reason = rng.pick(['bag integrity failure found at inventory', 'segment HLA confirmation failed', 'donor medical history update']);
    plan.discard = { path: 'qa', reason, at: iso(at), retrieveAt: rng.chance(0.7) ? iso(past(at + rng.int(1, 20) * DAY)) : null };
    return plan;
  }
  if (road === 'on_hold:available') {
    plan.hold = { reason: rng.pick(['inventory audit: label check', 'donor follow-up: new medical information', 'freezer maintenance']), at: iso(past(plan.releasedAt.getTime() + rng.int(30, 900) * DAY)) };
    return plan;
  }
  if (road === 'available') return plan;

  // a release request: reserved … infused, or cancelled
  const weightKg = Math.round((rng.chance(0.6) ? rng.normal(18, 8) : rng.normal(65, 12)) * 10) / 10;
  const w = Math.max(3, Math.min(120, weightKg));
  const familyUse = bankingType === 'family';
  const research = consents.some((x) => x.type === 'research');
  const intendedUse = familyUse ? (rng.chance(0.5) ? 'directed_family' : 'autologous') : research && rng.chance(0.2) ? 'clinical_trial' : 'allogeneic_transplant';
  const unitTyping = plan.hla?.typing ?? null;
  let patientHla: Typing | null = null;
  if (unitTyping && intendedUse !== 'autologous') {
    patientHla = JSON.parse(JSON.stringify(unitTyping)) as Typing;
    const changes = rng.int(0, 2);
    for (let k = 0; k < changes; k++) {
      const other = randomTyping(rng);
      const locus = rng.pick(['A', 'B', 'DRB1'] as const);
      patientHla[locus][rng.int(0, 1)] = other[locus][0];
    }
  }
  const match = patientHla && unitTyping ? gradeMatch(patientHla, unitTyping) : null;
  const dose = cellDose(tnc, cd34, w);
  const reservedAt = past(plan.releasedAt.getTime() + rng.int(60, 1500) * DAY, 20 * DAY);
  const stage: ReleasePlan['stage'] =
    road === 'available:cancelled' ? 'cancelled' : road === 'reserved' ? (rng.chance(0.5) ? 'reserved' : 'approved') : road === 'shipped' ? 'shipped' : road === 'delivered' ? 'delivered' : 'completed';
  const dispatched = reservedAt + rng.int(2, 10) * DAY;
  plan.release = {
    id: randomUUID(),
    facility: rng.pick(FACILITIES),
    physician: `Dr ${rng.pick(LAST)}`,
    patientId: `P-${String(i).padStart(7, '0')}`,
    weightKg: w,
    diagnosis: rng.pick(DIAGNOSES),
    patientHla,
    intendedUse,
    neededBy: iso(reservedAt + rng.int(14, 60) * DAY),
    createdAt: iso(reservedAt - rng.int(1, 5) * DAY),
    stage,
    matchGrade: match?.grade ?? null,
    matchDetail: match ? { mismatches: match.mismatches, otherMismatches: match.otherMismatches } : null,
    tncPerKg: dose.tncPerKg,
    cd34PerKg: dose.cd34PerKg,
    overrideReason: dose.doseWarning ? 'no alternative unit; double-unit graft planned' : null,
    reservedAt: iso(reservedAt),
    approvedAt: iso(reservedAt + rng.int(1, 3) * DAY),
    dispatchedAt: iso(dispatched),
    courier: rng.pick(['World Courier', 'Marken', 'QuickSTAT']),
    shipperId: `DS-${rng.int(100, 999)}`,
    loggerId: `TL-${rng.int(10000, 99999)}`,
    receivedAt: iso(dispatched + rng.int(12, 40) * HOUR),
    receivedBy: `Cell therapy lab ${rng.int(1, 9)}`,
    infusedAt: iso(dispatched + rng.int(3, 8) * DAY),
  };
  return plan;
}

/** Typings for the patients of the search benchmark: drawn from the same population. */
export function patientTypings(seed: number, count: number): Typing[] {
  return Array.from({ length: count }, (_, k) => randomTyping(Rng.for(seed ^ 0x5eed, k)));
}

export { LOCI };
