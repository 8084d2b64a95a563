import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { TestApp, startTestApp } from './setup/test-app';
import { auth, collect, createDonor } from './setup/fixtures';

const lines: string[] = [];
const capture = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'debug' }, undefined, capture);
});
afterAll(async () => {
  await t.close();
});

describe('logs (privacy of donor data)', () => {
  it('structured JSON lines, each request with its request id; a canary donor name never appears, whatever the request', async () => {
    const CANARY = 'Quixotica';
    const d = await createDonor(t, 'public', { firstName: CANARY, lastName: `${CANARY}son` });
    const coord = await auth(t, 'coordinator');
    await t.http().get('/api/v1/donors').query({ search: CANARY }).set(coord).expect(200);
    await t.http().get(`/api/v1/donors/${d.id}`).set(coord).expect(200);
    await t.http().patch(`/api/v1/donors/${d.id}`).set(coord).send({ reason: 'fix', lastName: `${CANARY}sen` }).expect(200);
    await t.http().patch(`/api/v1/donors/${d.id}`).set(coord).send({ reason: 'fix', lastName: 5 }).expect(422);
    await t.http().post('/api/v1/donors').set(coord).send({ firstName: CANARY, lastName: CANARY, dateOfBirth: 'never', bankingType: 'public' }).expect(422);
    await t.http().post('/api/v1/donors').set(coord).set('content-type', 'application/json').send(`{"firstName":"${CANARY}",`).expect(400);
    await t.http().get(`/api/v1/donors/${CANARY}`).set(coord).expect(404);
    await collect(t, d.id);
    await t.http().get('/api/v1/health').set('x-request-id', 'trace-me-1').expect(200);
    await t.http().get('/api/v1/audit').set(await auth(t, 'auditor')).set('x-request-id', 'trace-me-2').expect(200);
    await new Promise((r) => setTimeout(r, 200));

    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const all = lines.join('');
    const leaks = lines.filter((l) => l.toLowerCase().includes(CANARY.toLowerCase()));
    expect(leaks).toEqual([]);
    expect(all).not.toContain(CANARY);
    expect(all.toLowerCase()).not.toContain(CANARY.toLowerCase());
    const traced = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === 'trace-me-2' || l.req?.id === 'trace-me-2');
    expect(traced).toBeDefined();
    expect(all).not.toMatch(/"authorization"\s*:\s*"Bearer/);
  });
});
