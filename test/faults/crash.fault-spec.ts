import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Pool } from 'pg';
import { testPool } from '../setup/pools';
import { VERIFY_ALL_SQL } from '../../src/audit/audit.service';
import { ServiceProcess } from '../setup/service-process';
import { TestApp, startTestApp } from '../setup/test-app';

/**
 * Process crash (issue 8.2): kill -9 the service while a client streams lab events. Every event that
 * got a 2xx is in the database exactly once; after a restart the client re-sends what got no answer
 * (and, for good measure, everything), and each event is applied exactly once; every chain verifies.
 */
let t: TestApp;
let svc: ServiceProcess;
let owner: Pool;

beforeAll(async () => {
  t = await startTestApp();
  owner = testPool({ connectionString: t.databaseUrl, max: 2 });
  svc = new ServiceProcess({
    DATABASE_URL: t.databaseUrl,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    ISBT_FACILITY_ID: 'W1234',
    LAB_EVENTS_RATE_PER_SECOND: '100000',
  });
  await svc.start();
});

afterAll(async () => {
  await svc.stop();
  await owner.end();
  await t.close();
});

type Outcome = { eventId: string; status: number | 'no answer' };

describe('process crash while lab events stream in', () => {
  it('kill -9 mid-stream: nothing answered 2xx is lost or doubled; re-sent events apply exactly once; chains verify', async () => {
    const admin = await t.token('admin');
    const key = (await t.http().post('/api/v1/integrations').set('authorization', `Bearer ${admin}`).send({ name: 'crash-lims' })).body.apiKey as string;
    const donor = (await t.http().post('/api/v1/donors').set('authorization', `Bearer ${await t.token('coordinator')}`).send({ firstName: 'C', lastName: 'R', dateOfBirth: '1990-01-01', bankingType: 'public' })).body;
    const markers = ['HIV-1', 'HIV-2', 'HBsAg', 'anti-HBc', 'HCV', 'HTLV-I/II', 'syphilis', 'WNV', 'T. cruzi', 'CMV'];
    const events = Array.from({ length: 400 }, (_, i) => ({
      eventId: `crash-${i}`,
      type: 'idm.resulted',
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      donorNumber: donor.donorNumber,
      data: {
        marker: markers[i % markers.length], result: 'negative', sampleDrawnAt: new Date(Date.now() - 7200_000).toISOString(),
        testKit: 'Procleix Ultrio Elite (FDA-licensed)', method: 'NAT', lab: 'Regional IDM laboratory', labCliaNumber: '05D1234567', transfusedBeforeSample: false,
      },
    }));
    const post = async (base: string, e: (typeof events)[number]): Promise<Outcome> => {
      try {
        const res = await fetch(`${base}/api/v1/lab/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(e) });
        return { eventId: e.eventId, status: res.status };
      } catch {
        return { eventId: e.eventId, status: 'no answer' };
      }
    };

    // 8 concurrent senders; kill -9 the service after ~150 answers
    const outcomes: Outcome[] = [];
    let next = 0;
    let answered = 0;
    let killed: Promise<void> | undefined;
    const base = svc.baseUrl;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < events.length) {
          const e = events[next++];
          const o = await post(base, e);
          outcomes.push(o);
          if (typeof o.status === 'number') answered++;
          if (answered >= 150 && !killed) killed = svc.kill9();
        }
      }),
    );
    await killed;
    const ok = outcomes.filter((o) => typeof o.status === 'number' && o.status >= 200 && o.status < 300).map((o) => o.eventId);
    const lost = outcomes.filter((o) => o.status === 'no answer').map((o) => o.eventId);
    expect(ok.length).toBeGreaterThanOrEqual(150);
    expect(lost.length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.status === 'no answer' || (o.status as number) < 300)).toBe(true);

    // every 2xx is stored exactly once, and applied exactly once
    const stored = await owner.query(`SELECT event_id, count(*)::int AS n FROM lab_events WHERE event_id = ANY($1) GROUP BY event_id`, [ok]);
    expect(stored.rows.length).toBe(ok.length);
    expect(stored.rows.every((r) => r.n === 1)).toBe(true);
    const applied = await owner.query(`SELECT count(*)::int AS n FROM idm_tests t JOIN lab_events e ON e.id = t.lab_event_id WHERE e.event_id = ANY($1)`, [ok]);
    expect(applied.rows[0].n).toBe(ok.length);

    // restart; re-send what got no answer, then everything again
    await svc.start();
    const resent: Outcome[] = [];
    for (let i = 0; i < lost.length; i += 8) resent.push(...(await Promise.all(lost.slice(i, i + 8).map((id) => post(svc.baseUrl, events.find((e) => e.eventId === id)!)))));
    expect(resent.every((o) => o.status === 201 || o.status === 200)).toBe(true);
    // everything again, 8 at a time (a burst of 400 at once would wait on the pool and get 503s)
    const again: Outcome[] = [];
    for (let i = 0; i < events.length; i += 8) again.push(...(await Promise.all(events.slice(i, i + 8).map((e) => post(svc.baseUrl, e)))));
    expect(again.every((o) => o.status === 200)).toBe(true);

    const total = await owner.query(`SELECT count(*)::int AS events, count(DISTINCT event_id)::int AS distinct_events FROM lab_events WHERE event_id LIKE 'crash-%'`);
    expect(total.rows[0]).toEqual({ events: 400, distinct_events: 400 });
    const tests = await owner.query(`SELECT count(*)::int AS n, count(DISTINCT lab_event_id)::int AS d FROM idm_tests t JOIN lab_events e ON e.id = t.lab_event_id WHERE e.event_id LIKE 'crash-%'`);
    expect(tests.rows[0]).toEqual({ n: 400, d: 400 });
    const broken = (await owner.query(VERIFY_ALL_SQL)).rows.filter((r) => r.first_invalid !== null);
    expect(broken).toEqual([]);
    process.stdout.write(`crash test: ${outcomes.length} sent before the kill, ${ok.length} answered 2xx, ${lost.length} without answer; after restart all 400 applied exactly once\n`);
  });
});
