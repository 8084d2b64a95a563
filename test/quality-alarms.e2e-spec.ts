import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AlarmsService } from '../src/alarms/alarms.service';
import { HLA, auth, availableUnit, createDonor, createFreezer, makeEligible } from './setup/fixtures';
import { TestSmtpServer, waitFor } from './setup/notify-receivers';
import { asSystem } from './setup/fixtures';
import { PASSWORD, expectProblem, startTestApp, type TestApp } from './setup/test-app';

/**
 * Alarms on quality deadlines (DESIGN.md section 10; issue 15) with the real job queue
 * (graphile-worker on the test's PostgreSQL) and a real SMTP server in the test process: a CAPA
 * action past due, the FDA report of a serious adverse reaction (21 CFR 1271.350(a), 15 days) and of
 * a deviation of a distributed unit (1271.350(b), 45 days) near its deadline and past it. Raised by
 * the sweep job, once per thing, cleared in the transaction that records the CAPA done or the report.
 * Also the database backstop of the freezer review periods (21 CFR 1271.260(e)).
 */
let t: TestApp;
let donorId: string;
let freezerId: string;
const smtp = new TestSmtpServer();
type Role = 'coordinator' | 'medical_director' | 'lab_technician' | 'auditor' | 'quality_assurance' | 'admin';
const send = async (method: 'post' | 'patch', path: string, body: Record<string, unknown>, role: Role) => t.http()[method](`/api/v1${path}`).set(await auth(t, role)).send(body);
const get = async (path: string, role: Role = 'auditor') => t.http().get(`/api/v1${path}`).set(await auth(t, role));
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const daysAgo = (days: number) => ago(days * 24 * 60);
const utcDay = (offsetDays: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + offsetDays)).toISOString().slice(0, 10);

interface Alarm { id: string; kind: string; severity: string; state: string; subjectType: string; subjectId: string; title: string; details: Record<string, unknown>; clearedReason: string | null }
const alarmsOf = async (subjectId: string): Promise<Alarm[]> => (await t.owner.query(
  `SELECT id, kind, severity, state, subject_type AS "subjectType", subject_id AS "subjectId", title, details, cleared_reason AS "clearedReason" FROM alarms WHERE subject_id = $1 ORDER BY raised_at`,
  [subjectId],
)).rows;
/** The alarm, raised by a sweep; if none comes, the failure says what the queue did with the sweeps. */
const alarmFor = async (subjectId: string, kind: string, state?: string) => {
  try {
    return await waitFor(`${kind} alarm of ${subjectId}${state ? ` ${state}` : ''}`, async () => (await alarmsOf(subjectId)).find((a) => a.kind === kind && (!state || a.state === state)), 30_000, 100);
  } catch (err) {
    const jobs = await t.owner.query(
      `SELECT id, task_identifier, key, run_at, attempts, max_attempts, last_error, locked_at, created_at, now() AS now FROM graphile_worker.jobs WHERE task_identifier = 'alarms.sweep' ORDER BY id`,
    );
    throw new Error(`${(err as Error).message}; alarms of the subject: ${JSON.stringify(await alarmsOf(subjectId))}; sweep jobs left in the queue: ${JSON.stringify(jobs.rows)}`);
  }
};
/** Runs the sweep now through the queue, as a change that starts a clock asks for it (the same function), not within the minute. */
const sweepNow = () => t.owner.query(`SELECT alarms_sweep_soon()`);
/** One sweep run to its end (for the assertions that nothing more is raised), as the job does it. */
const sweepOnce = () => t.app.get(AlarmsService).sweep();

/** A unit infused through a release request (for adverse reactions and distributed deviations). */
async function infused(): Promise<{ din: string; requestId: string }> {
  const { din } = await availableUnit(t, { donorId, freezerId });
  const c = await send('post', '/release-requests', {
    requestingFacility: "Children's Hospital Transplant Centre", physician: 'Dr. A. Okafor',
    patient: { identifier: `MRN-${Math.random().toString(36).slice(2, 8)}`, weightKg: 20, diagnosis: 'acute lymphoblastic leukaemia', hla: { A: HLA.A, B: HLA.B, DRB1: HLA.DRB1 } },
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

/** A serious reaction whose information was received `days` ago (moved back in SQL as a system act: the API refuses an onset before the infusion). */
async function seriousReaction(days: number): Promise<{ id: string; reactionNumber: string }> {
  const { requestId } = await infused();
  const r = await send('post', '/adverse-reactions', {
    releaseRequestId: requestId, onsetAt: ago(0), receivedAt: ago(0), description: 'Fever and rigors 40 minutes after infusion', severity: 'severe',
    seriousnessCriteria: ['hospitalization'], communicableDisease: false, causality: 'possible',
  }, 'medical_director');
  if (r.status !== 201) throw new Error(`reaction: ${r.status} ${JSON.stringify(r.body)}`);
  await moveReceived(r.body.id, days);
  return r.body;
}
async function moveReceived(id: string, days: number): Promise<void> {
  await asSystem(t, async (c) => {
    await c.query(`ALTER TABLE adverse_reactions DISABLE TRIGGER adverse_reactions_guard`);
    await c.query(`UPDATE adverse_reactions SET received_at = now() - make_interval(days => $2), onset_at = now() - make_interval(days => $2) WHERE id = $1`, [id, days]);
    await c.query(`ALTER TABLE adverse_reactions ENABLE TRIGGER adverse_reactions_guard`);
  });
}

beforeAll(async () => {
  await smtp.start();
  t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, JOBS_POLL_INTERVAL_MS: '100', FDA_REPORT_WARN_DAYS: '3' });
  for (const role of ['quality_assurance', 'lab_technician', 'medical_director', 'coordinator'] as const) await t.token(role);
  donorId = (await createDonor(t)).id;
  await makeEligible(t, donorId, 'public');
  freezerId = (await createFreezer(t, { racks: 2, boxesPerRack: 2, rows: 6, columns: 6 })).id;
});
afterAll(async () => {
  await t?.close();
  await smtp.stop();
});

describe('CAPA past due', () => {
  it('FACT-NetCord quality management (bank policy): a CAPA action past its due date raises one warning alarm (sweep job), mailed to QA; recording it done clears it in the same transaction; the sweep never raises it again', async () => {
    const dev = await send('post', '/deviations', {
      title: 'Cryobag label smudged', description: 'Two labels unreadable after thaw test', occurredAt: ago(600), whereFound: 'processing lab', category: 'labeling', severity: 'minor',
    }, 'quality_assurance');
    expect(dev.status).toBe(201);
    const patched = await send('patch', `/deviations/${dev.body.id}`, {
      addCapaActions: [
        { kind: 'corrective', description: 'switch to cryo-rated label stock', owner: 'B. Osei', dueDate: utcDay(-2) },
        { kind: 'preventive', description: 'add label check to thaw SOP', owner: 'L. Moreau', dueDate: utcDay(0) },
      ],
    }, 'quality_assurance');
    expect(patched.status).toBe(200);
    const late = patched.body.capaActions.find((a: { dueDate: string }) => a.dueDate === utcDay(-2)).id as string;
    const today = patched.body.capaActions.find((a: { dueDate: string }) => a.dueDate === utcDay(0)).id as string;

    const alarm = await alarmFor(late, 'capa_overdue', 'open');
    expect(alarm).toMatchObject({ severity: 'warning', subjectType: 'capa_action', details: { deviationNumber: dev.body.deviationNumber, owner: 'B. Osei', dueDate: utcDay(-2) } });
    expect(alarm.title).toMatch(new RegExp(`${dev.body.deviationNumber}.*due on ${utcDay(-2)}`));
    const mail = await waitFor('mail to QA', () => smtp.to('quality_assurance@bank.test').find((m) => m.raw.includes(alarm.id)));
    expect(mail.subject).toMatch(/warning.*ALARM/);
    // due today is not past due
    expect(await alarmsOf(today)).toEqual([]);
    expect((await get(`/alarms?kind=capa_overdue`, 'coordinator')).body.items.map((a: { id: string }) => a.id)).toContain(alarm.id);

    const done = await send('patch', `/deviations/${dev.body.id}`, { capaUpdates: [{ id: late, done: { note: 'label stock changed' } }] }, 'quality_assurance');
    expect(done.status).toBe(200);
    // cleared by the act itself, not later
    expect((await alarmsOf(late))[0]).toMatchObject({ state: 'cleared', clearedReason: 'the CAPA action was recorded done' });
    const trail = (await t.owner.query(`SELECT action, actor_id FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`alarm:${alarm.id}`])).rows;
    expect(trail.map((e) => e.action)).toEqual(['alarm.raised', 'alarm.cleared']);
    expect(trail[1].actor_id).not.toMatch(/^system/);
    await waitFor('cleared mail', () => smtp.to('quality_assurance@bank.test').find((m) => m.raw.includes(alarm.id) && /Cleared/.test(m.subject)));

    await sweepOnce();
    expect(await alarmsOf(late)).toHaveLength(1);
  });

  it('Part 11.10(e) / DESIGN.md section 10: a quality alarm exists once per thing: the database refuses a second one for the same CAPA action, even after the first is cleared', async () => {
    const { rows } = await t.owner.query(`SELECT subject_id FROM alarms WHERE kind = 'capa_overdue' AND state = 'cleared' LIMIT 1`);
    expect(rows).toHaveLength(1);
    const again = await asSystem(t, (c) => c.query(
      `INSERT INTO alarms (kind, severity, subject_type, subject_id, title) VALUES ('capa_overdue', 'warning', 'capa_action', $1, 'again')`, [rows[0].subject_id],
    )).catch((e: { code?: string; constraint?: string }) => e);
    expect(again).toMatchObject({ code: '23505', constraint: 'alarms_quality_once_key' });
  });
});

describe('FDA report deadlines of serious adverse reactions (21 CFR 1271.350(a))', () => {
  it('21 CFR 1271.350(a): a serious reaction raises a warning when its 15-day report is due within FDA_REPORT_WARN_DAYS, a critical alarm once past due (the warning cleared), both to QA and the medical director; the report recorded clears it in its transaction', async () => {
    const far = await seriousReaction(11); // 4 days left: not yet
    const near = await seriousReaction(13); // 2 days left
    await sweepNow();
    const due = await alarmFor(near.id, 'adverse_reaction_report_due', 'open');
    expect(due).toMatchObject({ severity: 'warning', subjectType: 'adverse_reaction', details: { number: near.reactionNumber, daysLeft: 2, dueDate: utcDay(2), rule: '21 CFR 1271.350(a)' } });
    expect(due.title).toMatch(/2 day\(s\) left/);
    await waitFor('mail to the medical director', () => smtp.to('medical_director@bank.test').find((m) => m.raw.includes(due.id)));
    await waitFor('mail to QA', () => smtp.to('quality_assurance@bank.test').find((m) => m.raw.includes(due.id)));
    expect(await alarmsOf(far.id)).toEqual([]);

    // the deadline passes (the information is now 16 days old)
    await moveReceived(near.id, 16);
    await sweepNow();
    const overdue = await alarmFor(near.id, 'adverse_reaction_report_overdue', 'open');
    expect(overdue).toMatchObject({ severity: 'critical', details: { daysLeft: -1 } });
    expect((await alarmsOf(near.id)).find((a) => a.kind === 'adverse_reaction_report_due')).toMatchObject({ state: 'cleared', clearedReason: 'the deadline passed: superseded by the overdue alarm' });
    const critical = await waitFor('critical mail to the medical director', () => smtp.to('medical_director@bank.test').find((m) => m.raw.includes(overdue.id)));
    expect(critical.subject).toMatch(/CRITICAL/);

    const reported = await send('patch', `/adverse-reactions/${near.id}`, { fdaReport: { reportedAt: ago(0), reference: 'MW-2026-009911' } }, 'medical_director');
    expect(reported.status).toBe(200);
    expect((await alarmsOf(near.id)).find((a) => a.kind === 'adverse_reaction_report_overdue')).toMatchObject({ state: 'cleared', clearedReason: 'the FDA report was recorded (MW-2026-009911)' });
    // a QA acknowledgement of a quality alarm works as for any alarm
    const ack = await send('post', `/alarms/${due.id}/acknowledge`, { note: 'seen; report filed' }, 'quality_assurance');
    expect(ack.status).toBe(200);
  });
});

describe('FDA report deadlines of deviations of distributed units (21 CFR 1271.350(b))', () => {
  it('21 CFR 1271.350(b): a deviation concerning a distributed unit raises a warning near its 45-day report deadline and a critical alarm past it; QA recording why it is not reportable clears it; a deviation of units in the bank has no clock and no alarm', async () => {
    const { din } = await infused();
    const near = await send('post', '/deviations', {
      title: 'Shipper temperature log gap', description: 'Logger missed 20 minutes in transit', occurredAt: daysAgo(44), discoveredAt: daysAgo(43), whereFound: 'release review',
      category: 'distribution', severity: 'major', units: [{ din }],
    }, 'quality_assurance');
    expect(near.status).toBe(201);
    const due = await alarmFor(near.body.id, 'deviation_report_due', 'open');
    expect(due).toMatchObject({ severity: 'warning', subjectType: 'deviation', details: { number: near.body.deviationNumber, rule: '21 CFR 1271.350(b)' } });
    expect(due.details.dueDate).toBe(near.body.fdaReport.dueDate);

    const { din: din2 } = await infused();
    const late = await send('post', '/deviations', {
      title: 'Wrong product code on shipping label', description: 'found at audit', occurredAt: daysAgo(51), discoveredAt: daysAgo(50), whereFound: 'internal audit',
      category: 'labeling', severity: 'major', units: [{ din: din2 }],
    }, 'quality_assurance');
    const overdue = await alarmFor(late.body.id, 'deviation_report_overdue', 'open');
    expect(overdue.severity).toBe('critical');
    expect((await alarmsOf(late.body.id)).map((a) => a.kind)).toEqual(['deviation_report_overdue']);
    const notReportable = await send('patch', `/deviations/${late.body.id}`, { fdaReport: { notRequiredReason: 'Label error corrected before use; no safety or efficacy impact (not a reportable HCT/P deviation)' } }, 'quality_assurance');
    expect(notReportable.status).toBe(200);
    expect((await alarmsOf(late.body.id))[0]).toMatchObject({ state: 'cleared', clearedReason: 'QA recorded why the deviation is not reportable' });

    const inBank = await availableUnit(t, { donorId, freezerId });
    const noClock = await send('post', '/deviations', {
      title: 'Late alarm acknowledgement', description: 'x', occurredAt: daysAgo(51), discoveredAt: daysAgo(50), whereFound: 'cryostorage', category: 'storage', severity: 'minor', units: [{ din: inBank.din }],
    }, 'quality_assurance');
    await sweepOnce();
    expect(await alarmsOf(noClock.body.id)).toEqual([]);
  });
});

describe('a sweep asked for now, while a sweep runs', () => {
  let q: TestApp;
  beforeAll(async () => {
    // an instance that runs no jobs: the queue holds what the record and the sweep leave in it
    q = await startTestApp({ JOBS_CONCURRENCY: '0' });
    await q.token('quality_assurance');
  });
  afterAll(async () => {
    await q?.close();
  });
  const sweepJobs = async () => (await q.owner.query(
    `SELECT key, run_at <= now() AS due FROM graphile_worker.jobs WHERE task_identifier = 'alarms.sweep' AND locked_at IS NULL ORDER BY run_at`,
  )).rows as { key: string; due: boolean }[];

  it('21 CFR 1271.350 / DESIGN.md section 10: a record that starts a clock gets its sweep at once, even when the sweep running meanwhile reschedules itself to its next deadline', async () => {
    const qa = await auth(q, 'quality_assurance');
    const dev = await q.http().post('/api/v1/deviations').set(qa).send({
      title: 'Dewar lid seal worn', description: 'seal replaced', occurredAt: ago(60), whereFound: 'cryostorage', category: 'storage', severity: 'minor',
    });
    expect(dev.status).toBe(201);
    // the CAPA action's INSERT asks for a sweep now
    const patched = await q.http().patch(`/api/v1/deviations/${dev.body.id}`).set(qa).send({
      addCapaActions: [{ kind: 'corrective', description: 'replace seals yearly', owner: 'B. Osei', dueDate: utcDay(-1) }],
    });
    expect(patched.status).toBe(200);
    expect((await sweepJobs()).filter((j) => j.due)).toHaveLength(1);
    // a sweep that started before the record committed ends now and schedules its next run (later)
    await q.app.get(AlarmsService).sweep();
    // the sweep asked for is still due: not postponed to the running sweep's next deadline
    const jobs = await sweepJobs();
    expect(jobs.filter((j) => j.due)).toEqual([{ key: 'alarms:sweep-now', due: true }]);
    expect(jobs.filter((j) => !j.due).map((j) => j.key)).toEqual(['alarms:sweep']);
  });
});

describe('freezer review periods without gaps, in the database (21 CFR 1271.260(e))', () => {
  it('21 CFR 1271.260(e): the database refuses a freezer temperature review that leaves a gap after the last period reviewed, on any path (CB422 on periodFrom); a contiguous one is taken', async () => {
    const f = (await createFreezer(t)).id;
    const review = (from: string, to: string) => asSystem(t, (c) => c.query(
      `INSERT INTO freezer_temperature_reviews (freezer_id, period_from, period_to, outcome, finding, readings, excursions, reviewed_by, reviewer_name, meaning)
       VALUES ($1, $2, $3, 'acceptable', 'all readings within limits', 0, 0, 'qa', 'QA', 'review')`, [f, from, to],
    )).then(() => null, (e: { code?: string; column?: string; message?: string }) => e);
    const [d20, d10, d9, d5] = [daysAgo(20), daysAgo(10), daysAgo(9), daysAgo(5)];
    expect(await review(d20, d10)).toBeNull();
    const gap = await review(d9, d5);
    expect(gap).toMatchObject({ code: 'CB422', column: 'period_from' });
    expect(gap!.message).toMatch(/leaves a gap/);
    expect(await review(d10, d5)).toBeNull();
    // over HTTP the same rule answers 422 on periodFrom
    const http = await send('post', `/storage/freezers/${f}/reviews`, {
      periodFrom: daysAgo(4), periodTo: daysAgo(1), outcome: 'acceptable', finding: 'all readings within limits',
      signature: { email: 'quality_assurance@bank.test', password: PASSWORD, meaning: 'review' },
    }, 'quality_assurance');
    expectProblem(http, 422);
    expect(JSON.stringify(http.body.errors)).toMatch(/periodFrom/);
  });
});
