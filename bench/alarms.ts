import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { TestSmtpServer } from '../test/setup/notify-receivers';
import { parseArgs } from './lib/args';
import { openBenchDatabase, serverVersion } from './lib/db';
import { startService, type RunningService } from './lib/service';
import { ms, summarize, table } from './lib/stats';

/**
 * `npm run bench:alarms [-- --freezers 30 --silence-seconds 6 --poll-ms 1000]`: the alarm latencies
 * the README quotes, end to end through the built service (`node dist/src/main.js`), its job queue
 * and a real SMTP server in this process, on a fresh database `cbb_bench_alarms`:
 *  - from a reading that opens an excursion (the POST is sent) to the e-mail received by QA;
 *  - from a silent freezer's deadline (its last reading's arrival + FREEZER_SILENCE_MINUTES) to its
 *    alarm (raised_at, database clock) and to its e-mail.
 */
async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2), { freezers: 'number', 'silence-seconds': 'number', 'poll-ms': 'number' });
  const n = (a.freezers as number | undefined) ?? 30;
  const silenceSeconds = (a['silence-seconds'] as number | undefined) ?? 6;
  const pollMs = (a['poll-ms'] as number | undefined) ?? 1000;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const db = await openBenchDatabase({ reset: true });
  const smtp = new TestSmtpServer();
  await smtp.start();
  let service: RunningService | undefined;
  try {
    out(`bench:alarms on ${db.where} (${await serverVersion(db.url)}); ${cpus().length} CPUs, Node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    out(`${n} freezers; FREEZER_SILENCE_MINUTES=${silenceSeconds / 60} (${silenceSeconds} s); JOBS_POLL_INTERVAL_MS=${pollMs}`);
    service = await startService(db.url, {
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      FREEZER_SILENCE_MINUTES: String(silenceSeconds / 60),
      ALARM_ESCALATE_MINUTES: '600',
      JOBS_POLL_INTERVAL_MS: String(pollMs),
    });
    const api = async (token: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${service!.baseUrl}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = (await res.json().catch(() => null)) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const password = 'bench-staff-password-1';
    for (const role of ['quality_assurance', 'lab_technician']) {
      await api(service.token, 'POST', '/users', { email: `bench-${role}@bank.example`, name: `Bench ${role}`, password, roles: [role] });
    }
    const login = await fetch(`${service.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench-lab_technician@bank.example', password }) });
    const lab = ((await login.json()) as { accessToken: string }).accessToken;
    const qa = 'bench-quality_assurance@bank.example';

    const excursion: number[] = [];
    const freezers: { id: string; name: string }[] = [];
    for (let i = 0; i < n; i++) {
      const name = `Bench dewar ${i + 1}`;
      const f = (await api(lab, 'POST', '/storage/freezers', { name, type: 'vapor_phase', racks: 1, boxesPerRack: 1, rows: 2, columns: 2 })) as { id: string; code: string };
      freezers.push({ id: f.id, name });
      const t0 = performance.now();
      await api(lab, 'POST', `/storage/freezers/${f.id}/temperatures`, { temperatureC: -100 });
      const deadline = Date.now() + 30_000;
      const wanted = (subject: string) => subject.includes(`(${name})`) && /excursion/i.test(subject);
      while (!smtp.to(qa).some((m) => wanted(m.subject))) {
        if (Date.now() > deadline) throw new Error(`no e-mail for the excursion of ${name}`);
        await new Promise((r) => setTimeout(r, 2));
      }
      excursion.push(smtp.to(qa).find((m) => wanted(m.subject))!.at - (performance.timeOrigin + t0));
    }

    // silent freezers: every freezer above has reported once; wait for all their alarms
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const waitUntil = Date.now() + silenceSeconds * 1000 + 90_000;
    for (;;) {
      const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM alarms WHERE kind = 'freezer_silent'`);
      if (rows[0].n >= n || Date.now() > waitUntil) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const { rows } = await c.query<{ freezer_id: string; late_ms: number; name: string }>(
      `SELECT a.freezer_id, f.name, extract(epoch FROM a.raised_at - (h.last_reading_at + make_interval(secs => $1)))::float8 * 1000 AS late_ms
         FROM alarms a JOIN freezer_heartbeats h ON h.freezer_id = a.freezer_id JOIN freezers f ON f.id = a.freezer_id
        WHERE a.kind = 'freezer_silent'`,
      [silenceSeconds],
    );
    const deadlines = new Map((await c.query<{ freezer_id: string; deadline: Date }>(`SELECT freezer_id, last_reading_at + make_interval(secs => $1) AS deadline FROM freezer_heartbeats`, [silenceSeconds])).rows.map((r) => [r.freezer_id, r.deadline.getTime()]));
    await new Promise((r) => setTimeout(r, 3000));
    await c.end();
    const silentMail = rows
      .map((r) => {
        const m = smtp.to(qa).find((x) => x.subject.includes(`(${r.name})`) && /no reading/.test(x.subject));
        return m ? m.at - deadlines.get(r.freezer_id)! : NaN;
      })
      .filter(Number.isFinite);
    const row = (what: string, s: number[]) => {
      const x = summarize(s);
      return [what, x.n, ms(x.p50), ms(x.p95), ms(x.max)];
    };
    out(
      table(
        ['latency (ms)', 'n', 'p50', 'p95', 'max'],
        [
          row('reading that opens an excursion → e-mail received', excursion),
          row('silent freezer: deadline → alarm raised (DB clock)', rows.map((r) => r.late_ms)),
          row('silent freezer: deadline → e-mail received', silentMail),
        ],
      ),
    );
  } finally {
    await service?.stop();
    await smtp.stop();
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
