import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, PASSWORD, expectProblem, startTestApp } from './setup/test-app';
import { HLA, auth, availableUnit, createDonor, createFreezer, makeEligible } from './setup/fixtures';

let t: TestApp;
let donorId: string;
let freezerId: string;
type Role = 'coordinator' | 'medical_director' | 'lab_technician' | 'auditor' | 'quality_assurance' | 'admin';
const closure = (role: Role = 'quality_assurance') => ({ email: `${role}@bank.test`, password: PASSWORD, meaning: 'closure' });
const send = async (method: 'post' | 'patch', path: string, body: Record<string, unknown>, role: Role) =>
  t.http()[method](`/api/v1${path}`).set(await auth(t, role)).send(body);
const get = async (path: string, role: Role = 'auditor') => t.http().get(`/api/v1${path}`).set(await auth(t, role));
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const unit = () => availableUnit(t, { donorId, freezerId }).then((u) => u.din);
const unitStatus = async (din: string) => (await t.owner.query(`SELECT status FROM cord_blood_units WHERE din = $1`, [din])).rows[0].status as string;
const chain = async (c: string) => (await t.owner.query(`SELECT action, reason, signature FROM audit_entries WHERE chain = $1 ORDER BY seq`, [c])).rows;

const deviation = (over: Record<string, unknown> = {}) => ({
  title: 'Freezer F2 alarm acknowledged late',
  description: 'The high-temperature alarm sounded at 02:10 and was acknowledged at 03:05.',
  occurredAt: ago(600),
  whereFound: 'cryostorage room B, freezer F2',
  category: 'storage',
  severity: 'major',
  ...over,
});
async function report(over: Record<string, unknown> = {}, role: Role = 'quality_assurance') {
  const res = await send('post', '/deviations', deviation(over), role);
  if (res.status !== 201) throw new Error(`deviation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A unit infused through a release request (for adverse reactions). */
async function infused(): Promise<{ din: string; requestId: string }> {
  const din = await unit();
  const c = await send('post', '/release-requests', {
    requestingFacility: "Children's Hospital Transplant Centre", physician: 'Dr. A. Okafor',
    patient: { identifier: 'MRN-0417', weightKg: 20, diagnosis: 'acute lymphoblastic leukaemia', hla: { A: HLA.A, B: HLA.B, DRB1: HLA.DRB1 } },
    intendedUse: 'allogeneic_transplant', neededBy: new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10),
  }, 'coordinator');
  const id = c.body.id;
  const steps: [string, () => Record<string, unknown>, Role][] = [
    ['reserve', () => ({ din }), 'coordinator'],
    ['approve', () => ({ signature: { email: 'medical_director@bank.test', password: PASSWORD, meaning: 'approval' } }), 'medical_director'],
    ['ship', () => ({ courier: 'ColdChain Couriers', dispatchedAt: ago(0), shipperId: 'DS-1', temperatureLoggerId: 'TL-1' }), 'lab_technician'],
    ['deliver', () => ({ receivedAt: ago(0), receivedBy: 'N. Park', temperatureOk: true }), 'coordinator'],
    ['outcome', () => ({ infusedAt: ago(0), notes: 'infused' }), 'coordinator'],
  ];
  for (const [step, body, role] of steps) {
    const r = await send('post', `/release-requests/${id}/${step}`, body(), role);
    if (r.status !== 200) throw new Error(`${step}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return { din, requestId: id };
}

beforeAll(async () => {
  t = await startTestApp({ DOCUMENT_MAX_BYTES: '4096' });
  donorId = (await createDonor(t)).id;
  await makeEligible(t, donorId, 'public');
  freezerId = (await createFreezer(t, { racks: 2, boxesPerRack: 2, rows: 6, columns: 6 })).id;
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('deviations', () => {
  it('21 CFR 1271.160(b)(2): a lab technician reports a deviation; its units go on hold in the same transaction, audited on the deviation chain and the unit chain', async () => {
    const din = await unit();
    const dev = await report({ units: [{ din }] }, 'lab_technician');
    expect(dev).toMatchObject({ status: 'open', severity: 'major', units: [{ din, hold: 'placed', unitStatus: 'on_hold', statusWhenAdded: 'available', disposition: null }] });
    expect(dev.deviationNumber).toMatch(/^DV\d{6}$/);
    expect(await unitStatus(din)).toBe('on_hold');
    const unitTrail = (await chain(din)).map((e) => e.action);
    expect(unitTrail.slice(-2)).toEqual(['unit.held', 'deviation.unit_added']);
    expect((await chain(din)).at(-2).reason).toContain(dev.deviationNumber);
    expect((await chain(`deviation:${dev.id}`)).map((e) => e.action)).toEqual(['deviation.reported', 'deviation.unit_added']);
    expect(dev.history.map((h: { action: string }) => h.action)).toEqual(['deviation.reported', 'deviation.unit_added']);
  });

  it('FACT-NetCord quality management: only QA may leave a unit concerned off hold, and only with a reason; a distributed unit is recorded as not held', async () => {
    const din = await unit();
    const refused = await send('post', '/deviations', deviation({ units: [{ din, hold: false, notHeldReason: 'not affected' }] }), 'coordinator');
    expectProblem(refused, 403);
    expect(await unitStatus(din)).toBe('available');
    expectProblem(await send('post', '/deviations', deviation({ units: [{ din, hold: false }] }), 'quality_assurance'), 422);
    const dev = await report({ units: [{ din, hold: false, notHeldReason: 'stored in the other freezer; listed for traceability' }] });
    expect(dev.units[0]).toMatchObject({ hold: 'not_held', notHeldReason: 'stored in the other freezer; listed for traceability', unitStatus: 'available' });
    expect(await unitStatus(din)).toBe('available');
    const { din: gone } = await infused();
    const dev2 = await report({ units: [{ din: gone }] }, 'coordinator');
    expect(dev2.units[0]).toMatchObject({ hold: 'not_held', unitStatus: 'infused' });
    expect(dev2.units[0].notHeldReason).toMatch(/infused/);
  });

  it('21 CFR 1271.350(b): a deviation concerning a distributed unit has an FDA report due 45 days after discovery and does not close without the report or the reason it is not reportable', async () => {
    const { din } = await infused();
    const dev = await report({ units: [{ din }], discoveredAt: ago(0) });
    const discovered = dev.discoveredAt.slice(0, 10);
    const due = new Date(Date.parse(discovered) + 45 * 86400_000).toISOString().slice(0, 10);
    expect(dev.fdaReport).toMatchObject({ required: true, dueDate: due, overdue: false, reportedAt: null });
    expect(dev.fdaReport.daysLeft).toBe(Math.round((Date.parse(due) - Date.parse(new Date().toISOString().slice(0, 10))) / 86400_000));
    const path = `/deviations/${dev.id}`;
    const close = { close: { summary: 'recipient centre informed', signature: closure() } };
    expect((await send('patch', path, { dispositions: [{ din, disposition: 'distributed_consignee_notified', reason: 'transplant centre informed' }] }, 'quality_assurance')).status).toBe(200);
    const refused = await send('patch', path, close, 'quality_assurance');
    expectProblem(refused, 409);
    expect(refused.body.detail).toMatch(/FDA report/);
    expectProblem(await send('patch', path, { fdaReport: { reportedAt: ago(0) } }, 'quality_assurance'), 422);
    const reported = await send('patch', path, { fdaReport: { reportedAt: ago(0), reference: 'BPDR-2026-000123' } }, 'quality_assurance');
    expect(reported.body.fdaReport).toMatchObject({ required: true, daysLeft: null, reference: 'BPDR-2026-000123' });
    expect((await send('patch', path, close, 'quality_assurance')).body.status).toBe('closed');
    // a deviation of units still in the bank has no FDA clock
    expect((await report({ units: [{ din: await unit() }] })).fdaReport).toMatchObject({ required: false, dueDate: null, daysLeft: null });
  });

  it('21 CFR 1271.160(b)(2): units named in one act are held set-based: each holdable unit on hold and audited on its own chain, one already on hold kept, one not held by QA with its reason, a distributed one not held with why', async () => {
    const [a, b, kept, offHold] = [await unit(), await unit(), await unit(), await unit()];
    await report({ units: [{ din: kept }] });
    const { din: gone } = await infused();
    const dev = await report({
      units: [{ din: b }, { din: gone }, { din: offHold, hold: false, notHeldReason: 'stored apart; listed for traceability' }, { din: a }, { din: kept }],
    });
    const byDin = Object.fromEntries(dev.units.map((u: { din: string }) => [u.din, u]));
    expect(byDin[a]).toMatchObject({ hold: 'placed', statusWhenAdded: 'available', unitStatus: 'on_hold' });
    expect(byDin[b]).toMatchObject({ hold: 'placed', unitStatus: 'on_hold' });
    expect(byDin[kept]).toMatchObject({ hold: 'already_on_hold', statusWhenAdded: 'on_hold' });
    expect(byDin[offHold]).toMatchObject({ hold: 'not_held', notHeldReason: 'stored apart; listed for traceability', unitStatus: 'available' });
    expect(byDin[gone]).toMatchObject({ hold: 'not_held', unitStatus: 'infused' });
    for (const din of [a, b]) {
      const trail = await chain(din);
      expect(trail.slice(-2).map((e) => e.action)).toEqual(['unit.held', 'deviation.unit_added']);
      expect(trail.at(-2).reason).toContain(dev.deviationNumber);
    }
    expect((await chain(offHold)).at(-1)).toMatchObject({ action: 'deviation.unit_added', reason: 'stored apart; listed for traceability' });
    expect((await chain(`deviation:${dev.id}`)).filter((e) => e.action === 'deviation.unit_added')).toHaveLength(5);
    // naming a unit twice in a later act is refused and adds nothing
    expectProblem(await send('patch', `/deviations/${dev.id}`, { addUnits: [{ din: a }] }, 'quality_assurance'), 409);
  });

  it('a deviation naming an unknown unit writes nothing (no number used, no hold)', async () => {
    const din = await unit();
    const before = (await t.owner.query(`SELECT count(*)::int AS n FROM deviations`)).rows[0].n;
    const res = await send('post', '/deviations', deviation({ units: [{ din }, { din: 'W123499999999' }] }), 'quality_assurance');
    expect([404, 422]).toContain(res.status);
    expect(await unitStatus(din)).toBe('available');
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM deviations`)).rows[0].n).toBe(before);
  });

  it('DV numbers are gap-free under concurrency: 12 reports at once get 12 consecutive numbers', async () => {
    const max = async () => Number(((await t.owner.query(`SELECT max(deviation_number) AS m FROM deviations`)).rows[0].m ?? 'DV000000').slice(2));
    const start = await max();
    // a refused report in between uses no number
    expectProblem(await send('post', '/deviations', deviation({ severity: 'huge' }), 'quality_assurance'), 422);
    const token = await auth(t, 'quality_assurance');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => t.http().post('/api/v1/deviations').set(token).send(deviation({ title: `concurrent ${i}` }))));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const numbers = results.map((r) => Number(r.body.deviationNumber.slice(2))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => start + 1 + i));
  });

  it('FACT-NetCord quality management: closure by QA with an e-signature (meaning closure) is refused while a CAPA action is open or a unit has no disposition', async () => {
    const din = await unit();
    const dev = await report({ units: [{ din }] });
    const path = `/deviations/${dev.id}`;
    const investigated = await send('patch', path, {
      investigation: 'Alarm log and on-call roster reviewed', rootCause: 'single call-out path', severity: 'critical', reason: 'raised after investigation',
      addCapaActions: [{ kind: 'corrective', description: 'add a second call-out', owner: 'B. Osei', dueDate: '2000-01-01' }],
    }, 'quality_assurance');
    expect(investigated.status).toBe(200);
    expect(investigated.body).toMatchObject({ status: 'investigating', severity: 'critical', rootCause: 'single call-out path', capaActions: [{ owner: 'B. Osei', dueDate: '2000-01-01', overdue: true, done: null }] });
    const capaId = investigated.body.capaActions[0].id;

    // lists: by status and due date, overdue CAPA filter
    const overdue = await get('/deviations?overdueCapa=true');
    expect(overdue.body.items.map((d: { id: string }) => d.id)).toContain(dev.id);
    expect(overdue.body.items.find((d: { id: string }) => d.id === dev.id)).toMatchObject({ overdueCapaActions: 1, nextCapaDue: '2000-01-01', unitCount: 1 });
    expect((await get('/deviations?status=investigating&severity=critical')).body.items[0].id).toBe(dev.id);

    const close = { close: { summary: 'no product impact', signature: closure() } };
    const early = await send('patch', path, close, 'quality_assurance');
    expectProblem(early, 409);
    expect(early.body.detail).toMatch(/CAPA/);

    expect((await send('patch', path, { capaUpdates: [{ id: capaId, done: { note: 'second call-out added' } }] }, 'quality_assurance')).status).toBe(200);
    const noEffectiveness = await send('patch', path, close, 'quality_assurance');
    expectProblem(noEffectiveness, 409);
    expect(noEffectiveness.body.detail).toMatch(/effectiveness/);
    expect((await send('patch', path, { capaUpdates: [{ id: capaId, effectiveness: { result: 'effective', note: 'no recurrence' } }] }, 'quality_assurance')).status).toBe(200);

    const noDisposition = await send('patch', path, close, 'quality_assurance');
    expectProblem(noDisposition, 409);
    expect(noDisposition.body.detail).toContain(din);
    expect((await get(path)).body.closureBlockers).toEqual([`no disposition for unit(s) ${din}`]);

    // the signature's meaning and password are checked; nothing is written on failure
    expectProblem(await send('patch', path, { dispositions: [{ din, disposition: 'use_as_is', reason: 'no impact' }], close: { summary: 'x', signature: { ...closure(), meaning: 'approval' } } }, 'quality_assurance'), 422);
    expectProblem(await send('patch', path, { close: { summary: 'x', signature: { ...closure(), password: 'wrong-password-000' } } }, 'quality_assurance'), 401);
    expectProblem(await send('patch', path, { close: { summary: 'x', signature: closure('coordinator') } }, 'quality_assurance'), 401);
    expect((await get(path)).body.units[0].disposition).toBeNull();

    const closed = await send('patch', path, { dispositions: [{ din, disposition: 'use_as_is', reason: 'temperature stayed below -150 °C' }], ...close }, 'quality_assurance');
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closure: { summary: 'no product impact', closedBy: { name: 'Test quality_assurance' } }, closureBlockers: [] });
    const entry = (await chain(`deviation:${dev.id}`)).find((e) => e.action === 'deviation.closed');
    expect(entry.signature).toMatchObject({ meaning: 'closure', signerName: 'Test quality_assurance' });
    // closed means closed: no further change, even by the owner role in SQL
    expectProblem(await send('patch', path, { investigation: 'later thought' }, 'quality_assurance'), 409);
    await expect(t.owner.query(`UPDATE deviation_capa_actions SET owner = 'someone else' WHERE id = $1`, [capaId])).rejects.toThrow(/closed/);
  });

  it('DESIGN.md section 6: QA manages a deviation; a reporter role, the medical director and admin can not change it', async () => {
    const dev = await report({}, 'coordinator');
    for (const role of ['coordinator', 'lab_technician', 'medical_director', 'auditor', 'admin'] as Role[]) {
      expectProblem(await send('patch', `/deviations/${dev.id}`, { investigation: 'x' }, role), 403);
    }
    expectProblem(await send('post', '/deviations', deviation(), 'auditor'), 403);
    expect((await get(`/deviations/${dev.id}`, 'auditor')).status).toBe(200);
  });

  it('a deviation and a concurrent QA hold of the same unit are ordered by the unit lock: both succeed and the unit ends on hold', async () => {
    const din = await unit();
    const qa = await auth(t, 'quality_assurance');
    const [dev, hold] = await Promise.all([
      t.http().post('/api/v1/deviations').set(qa).send(deviation({ units: [{ din }] })),
      t.http().post(`/api/v1/units/${din}/status`).set(qa).send({ to: 'on_hold', reason: 'QA hold at the same time' }),
    ]);
    expect(dev.status).toBe(201);
    expect(hold.status).toBe(200);
    expect(['placed', 'already_on_hold']).toContain(dev.body.units[0].hold);
    expect(await unitStatus(din)).toBe('on_hold');
  });
});

describe('adverse reactions', () => {
  it('21 CFR 1271.350(a)(2): a serious reaction has an FDA report due 15 calendar days after receipt, with the days left; recording the report closes the clock', async () => {
    const { din, requestId } = await infused();
    const res = await send('post', '/adverse-reactions', {
      releaseRequestId: requestId, onsetAt: ago(0), receivedAt: ago(0), description: 'Fever and rigors 40 minutes after infusion', severity: 'severe',
      seriousnessCriteria: ['hospitalization'], communicableDisease: true, causality: 'possible',
    }, 'coordinator');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ din, serious: true, fdaReport: { required: true, daysLeft: expect.any(Number), overdue: false, reportedAt: null } });
    expect(res.body.reactionNumber).toMatch(/^AR\d{6}$/);
    const received = new Date(res.body.receivedAt);
    const due = new Date(Date.UTC(received.getUTCFullYear(), received.getUTCMonth(), received.getUTCDate() + 15)).toISOString().slice(0, 10);
    expect(res.body.fdaReport.dueDate).toBe(due);
    const today = new Date(new Date().toISOString().slice(0, 10));
    expect(res.body.fdaReport.daysLeft).toBe(Math.round((Date.parse(due) - today.getTime()) / 86400_000));
    const pending = await get('/adverse-reactions?fdaPending=true');
    expect(pending.body.items.map((r: { id: string }) => r.id)).toContain(res.body.id);

    const reported = await send('patch', `/adverse-reactions/${res.body.id}`, { fdaReport: { reportedAt: ago(0), reference: 'MW-2026-004211' } }, 'medical_director');
    expect(reported.status).toBe(200);
    expect(reported.body.fdaReport).toMatchObject({ required: true, daysLeft: null, overdue: false, reference: 'MW-2026-004211' });
    expect((await get('/adverse-reactions?fdaPending=true')).body.items.map((r: { id: string }) => r.id)).not.toContain(res.body.id);
    expectProblem(await send('patch', `/adverse-reactions/${res.body.id}`, { fdaReport: { reportedAt: ago(0), reference: 'again' } }, 'medical_director'), 409);
    expect((await chain(`adverse_reaction:${res.body.id}`)).map((e) => e.action)).toEqual(['adverse_reaction.reported', 'adverse_reaction.fda_reported']);
    expect((await chain(din)).map((e) => e.action)).toContain('adverse_reaction.fda_reported');
  });

  it('21 CFR 1271.350(a)(2): an overdue serious report shows negative days left; a non-serious reaction has no clock', async () => {
    const { requestId } = await infused();
    const r = await send('post', '/adverse-reactions', { releaseRequestId: requestId, onsetAt: ago(0), description: 'mild rash', severity: 'mild', seriousnessCriteria: [] }, 'medical_director');
    expect(r.status).toBe(201);
    expect(r.body.fdaReport).toEqual({ required: false, dueDate: null, daysLeft: null, overdue: false, reportedAt: null, reference: null });
    const s = await send('post', '/adverse-reactions', { releaseRequestId: requestId, onsetAt: ago(0), description: 'anaphylaxis', severity: 'life_threatening', seriousnessCriteria: ['life_threatening'] }, 'medical_director');
    // the information arrived 20 days ago: moved back in SQL (the API refuses an onset before the infusion), on one connection, audited as a system act
    const c = await t.owner.connect();
    try {
      await c.query(`BEGIN; ALTER TABLE adverse_reactions DISABLE TRIGGER adverse_reactions_guard; SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true)`);
      await c.query(`UPDATE adverse_reactions SET received_at = now() - interval '20 days', onset_at = now() - interval '20 days' WHERE id = $1`, [s.body.id]);
      await c.query(`ALTER TABLE adverse_reactions ENABLE TRIGGER adverse_reactions_guard; COMMIT`);
    } finally {
      c.release();
    }
    const late = await get(`/adverse-reactions/${s.body.id}`);
    expect(late.body.fdaReport).toMatchObject({ required: true, overdue: true, daysLeft: -5 });
    // a life-threatening reaction must say so among its seriousness criteria
    expectProblem(await send('post', '/adverse-reactions', { releaseRequestId: requestId, onsetAt: ago(0), description: 'x', severity: 'life_threatening', seriousnessCriteria: [] }, 'medical_director'), 422);
  });

  it('an adverse reaction is refused before the unit was delivered, before the infusion, and to roles other than the medical director and coordinator', async () => {
    const { requestId } = await infused();
    expectProblem(await send('post', '/adverse-reactions', { releaseRequestId: requestId, onsetAt: ago(600), receivedAt: ago(0), description: 'x', severity: 'mild', seriousnessCriteria: [] }, 'coordinator'), 422);
    expectProblem(await send('post', '/adverse-reactions', { releaseRequestId: requestId, onsetAt: ago(0), description: 'x', severity: 'mild', seriousnessCriteria: [] }, 'quality_assurance'), 403);
    const sub = await send('post', '/release-requests', {
      requestingFacility: 'H', physician: 'Dr. B', patient: { identifier: 'MRN-1', weightKg: 20, diagnosis: 'AML', hla: { A: HLA.A, B: HLA.B, DRB1: HLA.DRB1 } },
      intendedUse: 'allogeneic_transplant', neededBy: new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10),
    }, 'coordinator');
    expectProblem(await send('post', '/adverse-reactions', { releaseRequestId: sub.body.id, onsetAt: ago(0), description: 'x', severity: 'mild', seriousnessCriteria: [] }, 'coordinator'), 409);
  });

  it('21 CFR 1271.350(b): when the investigation points at the product, one act opens a deviation of the bank with the unit, linked both ways', async () => {
    const { din, requestId } = await infused();
    const r = await send('post', '/adverse-reactions', { releaseRequestId: requestId, onsetAt: ago(0), description: 'sepsis', severity: 'severe', seriousnessCriteria: ['medical_intervention'] }, 'coordinator');
    const implicated = await send('patch', `/adverse-reactions/${r.body.id}`, {
      causality: 'probable', investigation: 'retained segment grew S. epidermidis', productImplicated: true, deviation: { category: 'processing', severity: 'critical' },
    }, 'medical_director');
    expect(implicated.status).toBe(200);
    expect(implicated.body.deviation.deviationNumber).toMatch(/^DV\d{6}$/);
    const dev = await get(`/deviations/${implicated.body.deviation.id}`);
    expect(dev.body).toMatchObject({ source: 'adverse_reaction', sourceReference: r.body.reactionNumber, category: 'processing', severity: 'critical',
      adverseReaction: { id: r.body.id }, units: [{ din, hold: 'not_held', unitStatus: 'infused' }] });
    // the act is not repeated: a second productImplicated keeps the one deviation
    const again = await send('patch', `/adverse-reactions/${r.body.id}`, { productImplicated: true }, 'medical_director');
    expect(again.body.deviation.id).toBe(implicated.body.deviation.id);
    expectProblem(await send('patch', `/adverse-reactions/${r.body.id}`, { productImplicated: false }, 'medical_director'), 409);
  });
});

describe('documents', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c20000000049454e44ae426082', 'hex');
  const upload = async (role: Role, fields: Record<string, string>, file: Buffer, name = 'log.pdf', type = 'application/pdf') => {
    let req = t.http().post('/api/v1/documents').set(await auth(t, role));
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', file, { filename: name, contentType: type });
  };

  it('documents: stored in PostgreSQL with its SHA-256, typed from the content, audited on the owner chain; returned byte for byte', async () => {
    const dev = await report();
    const res = await upload('quality_assurance', { ownerType: 'deviation', ownerId: dev.id, title: 'Alarm log' }, PDF);
    expect(res.status).toBe(201);
    const sha = (await import('node:crypto')).createHash('sha256').update(PDF).digest('hex');
    expect(res.body).toMatchObject({ owner: { type: 'deviation', id: dev.id }, mediaType: 'application/pdf', sizeBytes: PDF.length, sha256: sha, superseded: null });
    const down = await t.http().get(`/api/v1/documents/${res.body.id}`).set(await auth(t, 'auditor')).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(down.status).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['x-content-sha256']).toBe(sha);
    expect(Buffer.compare(down.body as Buffer, PDF)).toBe(0);
    const entry = (await chain(`deviation:${dev.id}`)).find((e) => e.action === 'document.attached');
    expect(entry).toBeDefined();
    const after = (await t.owner.query(`SELECT after FROM audit_entries WHERE chain = $1 AND action = 'document.attached'`, [`deviation:${dev.id}`])).rows[0].after;
    expect(after).toMatchObject({ sha256: sha, size_bytes: PDF.length });
    expect(after.content).toBeUndefined();
    expect((await get(`/documents?owner=deviation:${dev.id}`)).body.items.map((d: { id: string }) => d.id)).toEqual([res.body.id]);
    expect((await get(`/deviations/${dev.id}`)).body.documents).toEqual([expect.objectContaining({ id: res.body.id, title: 'Alarm log', sha256: sha, superseded: false })]);
  });

  it('documents: the type is checked from the content, not the name (415), and beyond DOCUMENT_MAX_BYTES is 413; nothing is stored', async () => {
    const din = await unit();
    const count = async () => (await t.owner.query(`SELECT count(*)::int AS n FROM documents WHERE din = $1`, [din])).rows[0].n;
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    expectProblem(await upload('lab_technician', { ownerType: 'unit', ownerId: din, title: 'not a pdf' }, exe, 'report.pdf', 'application/pdf'), 415);
    expectProblem(await upload('lab_technician', { ownerType: 'unit', ownerId: din, title: 'png sent as pdf' }, PNG, 'scan.pdf', 'application/pdf'), 415);
    expectProblem(await upload('lab_technician', { ownerType: 'unit', ownerId: din, title: 'too big' }, Buffer.alloc(5000, 0x41), 'big.txt', 'text/plain'), 413);
    expect(await count()).toBe(0);
    const png = await upload('lab_technician', { ownerType: 'unit', ownerId: din, title: 'bag photo' }, PNG, 'bag.png', 'image/png');
    expect(png.status).toBe(201);
    const text = await upload('lab_technician', { ownerType: 'unit', ownerId: din, title: 'note' }, Buffer.from('Bag label checked.\n'), 'note.txt', 'text/plain');
    expect(text.body.mediaType).toBe('text/plain');
    expect(await count()).toBe(2);
    // the limit is DOCUMENT_MAX_BYTES, not the 1 MiB of JSON bodies: a second instance allowing 3 MiB takes 2 MiB
    const wide = await startTestApp({ DOCUMENT_MAX_BYTES: String(3 * 1024 * 1024) }, t);
    try {
      const big = Buffer.alloc(2 * 1024 * 1024, 0x41);
      const res = await wide.http().post('/api/v1/documents').set(await auth(t, 'lab_technician')).field('ownerType', 'unit').field('ownerId', din).field('title', 'long log')
        .attach('file', big, { filename: 'log.txt', contentType: 'text/plain' });
      expect(res.status).toBe(201);
      expect(res.body.sizeBytes).toBe(big.length);
    } finally {
      await wide.close();
    }
    expect(await count()).toBe(3);
    // JSON routes still refuse multipart bodies
    expectProblem(await t.http().post('/api/v1/deviations').set(await auth(t, 'quality_assurance')).field('title', 'x'), 415);
  });

  it('DESIGN.md section 6: a donor document is readable only by the personal-data roles; documents are never changed or deleted, only superseded with a reason', async () => {
    const donor = (await createDonor(t)).id;
    const first = await upload('coordinator', { ownerType: 'donor', ownerId: donor, title: 'signed consent' }, PDF);
    expect(first.status).toBe(201);
    expectProblem(await upload('lab_technician', { ownerType: 'donor', ownerId: donor, title: 'x' }, PDF), 403);
    for (const role of ['coordinator', 'medical_director', 'admin'] as Role[]) expect((await get(`/documents/${first.body.id}`, role)).status).toBe(200);
    for (const role of ['lab_technician', 'quality_assurance', 'auditor'] as Role[]) {
      expectProblem(await get(`/documents/${first.body.id}`, role), 403);
      expectProblem(await get(`/documents?owner=donor:${donor}`, role), 403);
    }
    expect((await chain(`donor:${donor}`)).map((e) => e.action)).toContain('document.attached');

    expectProblem(await upload('coordinator', { ownerType: 'donor', ownerId: donor, title: 'v2', supersedes: first.body.id }, PDF), 422);
    const second = await upload('coordinator', { ownerType: 'donor', ownerId: donor, title: 'signed consent (legible scan)', supersedes: first.body.id, supersedeReason: 'first scan illegible' }, PDF);
    expect(second.status).toBe(201);
    const list = (await get(`/documents?owner=donor:${donor}`, 'coordinator')).body.items;
    expect(list).toHaveLength(2);
    expect(list[0].superseded).toMatchObject({ by: second.body.id, reason: 'first scan illegible' });
    await expect(t.owner.query(`DELETE FROM documents WHERE id = $1`, [first.body.id])).rejects.toThrow(/never deleted/);
    await expect(t.owner.query(`UPDATE documents SET title = 'changed' WHERE id = $1`, [second.body.id])).rejects.toThrow(/can not be changed/);
    await expect(t.owner.query(`UPDATE documents SET sha256 = repeat('0', 64) WHERE id = $1`, [second.body.id])).rejects.toThrow();
    await expect(t.appRolePool.query(`DELETE FROM documents WHERE id = $1`, [second.body.id])).rejects.toThrow(/permission denied/);
  });
});
