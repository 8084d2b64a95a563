/// <reference lib="dom" />
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { Client } from 'pg';
import { encodeBloodGroups, encodeCompound, encodeDin } from '../src/isbt128/structures';
import { chromium } from 'playwright-core';
import { parseArgs } from './lib/args';
import { openBenchDatabase, serverVersion } from './lib/db';
import { startService, type RunningService } from './lib/service';
import { ms, summarize, table } from './lib/stats';

/**
 * `npm run bench:console-scan -- [--units 500000] [--scans 60] [--reset]`: issue 18's target, a
 * keyboard-wedge scan to the unit page in ≤ 300 ms on a 500,000-unit bank, measured in Chromium.
 *
 * The bank (`cbb_bench_console`, BENCH_DATABASE to change; kept between runs, `--reset` rebuilds it)
 * is written with set-based SQL with the triggers off (session_replication_role = replica), as
 * bench:lookback does: it is bulk data, not acts (the 500k bank of bench:seed, which walks every act
 * through the triggers, takes ~40 min here; point BENCH_DATABASE=cbb_bench at it to use that one:
 * a bank that already holds --units units is used as it is). 20 freezers of 10 racks × 25 boxes ×
 * 10 × 10, one stored unit per position, each unit with its donor, processing, ABO/Rh, HLA and
 * sterility results and an audit chain of 4 entries (so the tables have their realistic size).
 *
 * Then the service (`node dist/src/main.js`) is started on it, a lab technician signs in to the
 * built console in Chromium (Debian's Chromium, headless, with the flags of test/console/browser.ts,
 * whose axe-core loader does not compile to the bench's CommonJS), and each of
 * --scans random DINs (all different) is scanned from the previous unit's page, as at the bench:
 * the scanner's characters and Enter (key events sent back to back over the DevTools protocol), half of
 * them as the DIN data structure (`=` DIN flags, what the DIN barcode holds), half as the compound
 * message of the label's DataMatrix (`=+…`, read by `POST /scan` first). Timed in the page (a
 * keydown listener and a MutationObserver): from the first character and from Enter to the unit
 * page shown with that unit's data (its DIN in the heading and its storage position), and to the
 * next animation frame (painted). For where the time goes, the same `GET /units/:din` and
 * `POST /scan` are timed from Node.
 */
const out = (line: string) => process.stdout.write(`${line}\n`);
const CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';
const FACILITY = 'W9996';

/** ISO 7064 Mod 37-2 (src/common/din.ts `mod37_2`) as SQL, so the bank's check characters are right. */
const MOD37_2_SQL = `
  CREATE FUNCTION pg_temp.mod37_2(v text) RETURNS char(1) LANGUAGE plpgsql IMMUTABLE AS $$
  DECLARE s integer := 0;
  BEGIN
    FOR i IN 1..length(v) LOOP s := ((s + strpos('${CHARSET}', substr(v, i, 1)) - 1) * 2) % 37; END LOOP;
    RETURN substr('${CHARSET}', ((38 - s) % 37) + 1, 1);
  END $$`;

async function seed(url: string, units: number): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    await c.query(sql, params);
    process.stderr.write(`  seed: ${label} (${Math.round(performance.now() - t0)} ms)\n`);
  };
  const freezers = Math.ceil(units / 25_000);
  try {
    await c.query(`SET session_replication_role = replica`);
    await c.query(MOD37_2_SQL);
    await step(`${freezers} freezers, racks, boxes, positions`, `
      WITH f AS (
        INSERT INTO freezers (seq, name, type, racks, boxes_per_rack, rows_per_box, columns_per_box)
        SELECT g, 'Bench vapour tank ' || g, 'vapor_phase', 10, 25, 10, 10 FROM generate_series(1, $1) g RETURNING id
      ) INSERT INTO freezer_occupancy (freezer_id, used_count) SELECT id, 0 FROM f`, [freezers]);
    await c.query(`INSERT INTO storage_racks (freezer_id, rack_no, label) SELECT f.id, r, f.code || '-R' || storage_num(r) FROM freezers f, generate_series(1, f.racks) r`);
    await c.query(`
      INSERT INTO storage_boxes (freezer_id, rack_id, freezer_seq, rack_no, box_no, label, capacity)
      SELECT f.id, rk.id, f.seq, rk.rack_no, b, rk.label || '-B' || storage_num(b), f.rows_per_box * f.columns_per_box
        FROM freezers f JOIN storage_racks rk ON rk.freezer_id = f.id, generate_series(1, f.boxes_per_rack) b`);
    await step('positions', `
      INSERT INTO storage_positions (box_id, freezer_id, row_no, col_no, label)
      SELECT bx.id, f.id, r, col, bx.label || '-' || chr(64 + r) || col
        FROM freezers f JOIN storage_boxes bx ON bx.freezer_id = f.id, generate_series(1, f.rows_per_box) r, generate_series(1, f.columns_per_box) col`);
    await step('donors', `INSERT INTO donors (first_name, last_name, date_of_birth, banking_type) SELECT 'Bench', 'Donor ' || g, DATE '1990-01-01' + (g % 5000), 'public' FROM generate_series(1, $1) g`, [units]);
    await step('units (stored, results in)', `
      INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type, status, received_at, receipt_temperature_ok, receipt_flags, processed_at, volume_ml, tnc_count, cd34_count, viability_pct,
                                    abo, rh, abo_typed_at, hla, hla_resolution, hla_typed_at, sterility_aerobic, sterility_anaerobic, sterility_resulted_at, position_id, stored_at, created_at, updated_at)
      SELECT d.din, pg_temp.mod37_2(d.din), d.donor_id, 'public', CASE WHEN d.k % 6 = 0 THEN 'quarantine' ELSE 'available' END,
             now() - interval '400 days', true, '{}', now() - interval '399 days', 20 + d.k % 60, 1.2e9 + (d.k % 997) * 1e7, 3e6 + (d.k % 991) * 1e4, 90 + d.k % 10,
             (ARRAY['O', 'A', 'B', 'AB'])[1 + d.k % 4], CASE WHEN d.k % 7 = 0 THEN 'negative' ELSE 'positive' END, now() - interval '398 days',
             jsonb_build_object('A', jsonb_build_array('01:01', '02:01'), 'B', jsonb_build_array('07:02', '08:01'), 'C', jsonb_build_array('07:01', '07:02'),
                                'DRB1', jsonb_build_array('15:01', '03:01'), 'DQB1', jsonb_build_array('06:02', '02:01')), 'high', now() - interval '398 days',
             'negative', 'negative', now() - interval '390 days', p.id, now() - interval '395 days', now() - interval '400 days', now()
        FROM (SELECT '${FACILITY}26' || lpad(k::text, 6, '0') AS din, k, dn.id AS donor_id FROM (SELECT id, row_number() OVER (ORDER BY donor_number) AS k FROM donors) dn(id, k)) d
        JOIN (SELECT id, row_number() OVER (ORDER BY label) AS k FROM storage_positions) p ON p.k = d.k`);
    await c.query(`UPDATE storage_boxes b SET used_count = n FROM (SELECT box_id, count(*) AS n FROM storage_positions p JOIN cord_blood_units u ON u.position_id = p.id GROUP BY box_id) x WHERE x.box_id = b.id`);
    await c.query(`UPDATE freezer_occupancy o SET used_count = n FROM (SELECT freezer_id, count(*) AS n FROM storage_positions p JOIN cord_blood_units u ON u.position_id = p.id GROUP BY freezer_id) x WHERE x.freezer_id = o.freezer_id`);
    await step('audit chains (4 entries per unit)', `
      INSERT INTO audit_entries (chain, din, seq, at, actor_type, actor_id, action, after, prev_hash, hash)
      SELECT u.din, u.din, s, now() - interval '400 days' + s * interval '1 day', 'system', 'bench-console', 'unit.seeded', jsonb_build_object('seq', s), repeat('0', 64), md5(u.din || s) || md5(u.din)
        FROM cord_blood_units u CROSS JOIN generate_series(1, 4) s`);
    await step('audit chain heads', `INSERT INTO audit_chain_heads (chain, last_seq, last_hash) SELECT din, 4, md5(din || 4) || md5(din) FROM cord_blood_units`);
    await c.query(`SET session_replication_role = origin`);
    await step('vacuum analyze', `VACUUM ANALYZE`);
  } finally {
    await c.end();
  }
}

/** A lab technician of the bench with a password of their own (an administrator's is one-time). */
async function benchTechnician(service: RunningService): Promise<{ email: string; password: string }> {
  const email = `bench-console-${randomBytes(4).toString('hex')}@bench.local`;
  const oneTime = randomBytes(18).toString('base64url');
  const password = randomBytes(18).toString('base64url');
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${service.baseUrl}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { accessToken: string };
  };
  await post('/users', { email, name: 'Bench Technician', password: oneTime, roles: ['lab_technician'] }, service.token);
  const first = await post('/auth/login', { email, password: oneTime });
  await post('/auth/password', { currentPassword: oneTime, newPassword: password }, first.accessToken);
  return { email, password };
}

interface Probe {
  /** the largest gap between two keydown events of the scan (event time stamps), ms */
  maxGap: number;
  /** when the answer of GET /units/:din had arrived (resource timing), 0 if not seen */
  unitAnswered: number;
  last: number;
  t0: number;
  enter: number;
  dom: number;
  frame: number;
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2), { units: 'number', scans: 'number', reset: 'flag' });
  const units = (a.units as number | undefined) ?? 500_000;
  const scans = Math.max(50, (a.scans as number | undefined) ?? 60);
  const db = await openBenchDatabase({ reset: a.reset === true });
  let service: RunningService | undefined;
  const browser = await chromium.launch({
    executablePath: process.env.CONSOLE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    const check = new Client({ connectionString: db.url });
    await check.connect();
    const have = Number((await check.query<{ n: string }>(`SELECT count(*) AS n FROM cord_blood_units`)).rows[0].n);
    if (have === 0) {
      const t0 = performance.now();
      await seed(db.url, units);
      process.stderr.write(`  seeded ${units.toLocaleString('en')} units in ${Math.round((performance.now() - t0) / 1000)} s\n`);
    } else if (have < units) {
      throw new Error(`${db.where} holds ${have.toLocaleString('en')} units, fewer than --units ${units.toLocaleString('en')}: run with --reset`);
    }
    const total = Number((await check.query<{ n: string }>(`SELECT count(*) AS n FROM cord_blood_units`)).rows[0].n);
    // random stored units, all different, with what the page will show (the position label)
    const picked = (
      await check.query<{ din: string; abo: string | null; rh: string | null; label: string }>(
        `SELECT u.din, u.abo, u.rh, p.label FROM cord_blood_units u TABLESAMPLE SYSTEM (1) JOIN storage_positions p ON p.id = u.position_id ORDER BY random() LIMIT $1`,
        [scans + 1],
      )
    ).rows;
    await check.end();
    if (picked.length < scans + 1) throw new Error(`only ${picked.length} stored units sampled`);
    const version = await serverVersion(db.url);
    out(`bench:console-scan on ${db.where} (${version}); ${total.toLocaleString('en')} units; ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

    service = await startService(db.url);
    const who = await benchTechnician(service);
    const context = await browser.newContext({ baseURL: service.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto('/');
    await page.getByLabel(/^E-mail/).fill(who.email);
    await page.getByLabel(/^Password/).fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await page.waitForLoadState('networkidle');

    // A keyboard wedge sends its characters back to back, whatever else the computer is doing: every
    // key event goes to Chromium at once over one DevTools session (Playwright's keyboard.type waits
    // for each key, so on a loaded machine its gaps exceed the listener's 35 ms and break the scan).
    const cdp = await context.newCDPSession(page);
    const wedge = async (data: string) => {
      const sent: Promise<unknown>[] = [];
      for (const ch of data) {
        sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch }));
        sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch }));
      }
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' }));
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 }));
      await Promise.all(sent);
    };
    const apiToken = (await (await fetch(`${service.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) })).json()) as { accessToken: string };
    const api = async (path: string, init: RequestInit = {}) => {
      const t0 = performance.now();
      const res = await fetch(`${service!.baseUrl}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${apiToken.accessToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return performance.now() - t0;
    };

    // the first unit opens the bench's flow (and warms the unit page's code); each later scan is from the previous unit's page
    const rows: { form: string; fromFirstKey: number; fromEnter: number; painted: number; toAnswer: number; render: number }[] = [];
    const serverTimes = { unit: [] as number[], scan: [] as number[] };
    const missed: { din: string; form: string; maxGap: number; alert: string | null }[] = [];
    const gaps: number[] = [];
    for (let i = 0; i <= scans; i++) {
      const u = picked[i];
      const compound = i % 2 === 1;
      const text = compound
        ? encodeCompound([encodeDin(u.din), encodeBloodGroups((u.abo ?? 'O') as 'O', (u.rh ?? 'positive') as 'positive')])
        : encodeDin(u.din);
      let p: Probe | null = null;
      for (let attempt = 1; !p; attempt++) {
      await page.evaluate(
        ({ din, label }) => {
          const w = window as unknown as { __probe: Probe; __probeStop?: () => void };
          w.__probeStop?.();
          performance.clearResourceTimings();
          w.__probe = { maxGap: 0, unitAnswered: 0, last: 0, t0: 0, enter: 0, dom: 0, frame: 0 };
          const onKey = (e: KeyboardEvent) => {
            if (w.__probe.last) w.__probe.maxGap = Math.max(w.__probe.maxGap, e.timeStamp - w.__probe.last);
            w.__probe.last = e.timeStamp;
            if (!w.__probe.t0) w.__probe.t0 = performance.now();
            if (e.key === 'Enter' && !w.__probe.enter) w.__probe.enter = performance.now();
          };
          const shown = () => !!document.querySelector(`main h2 [data-din="${din}"]`) && (document.querySelector('main')?.textContent ?? '').includes(label);
          const obs = new MutationObserver(() => {
            if (w.__probe.dom || !w.__probe.enter || !shown()) return;
            w.__probe.dom = performance.now();
            const answer = performance.getEntriesByType('resource').filter((r) => r.name.endsWith(`/api/v1/units/${din}`)).pop() as PerformanceResourceTiming | undefined;
            w.__probe.unitAnswered = answer ? answer.responseEnd : 0;
            requestAnimationFrame(() => (w.__probe.frame = performance.now()));
            obs.disconnect();
          });
          obs.observe(document.body, { childList: true, subtree: true, characterData: true });
          window.addEventListener('keydown', onKey, true);
          w.__probeStop = () => {
            obs.disconnect();
            window.removeEventListener('keydown', onKey, true);
          };
        },
        { din: u.din, label: u.label },
      );
      await wedge(text);
      const shown = await page.waitForFunction(() => (window as unknown as { __probe: Probe }).__probe.frame > 0, undefined, { timeout: 5_000 }).then(() => true, () => false);
      const probe = await page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);
      if (shown) p = probe;
      else {
        // not taken as a scan: the listener splits a scan at a gap over 35 ms between characters
        // (a loaded machine delays the key events); counted and scanned again, as at the bench
        const alert = await page.evaluate(() => document.querySelector('[role=alert]')?.textContent ?? null);
        missed.push({ din: u.din, form: compound ? 'compound' : 'din', maxGap: probe.maxGap, alert });
        if (attempt >= 3) throw new Error(`scan ${i} (${text}) for ${u.din} not shown after 3 attempts: ${JSON.stringify({ probe, alert })}`);
      }
      }
      await page.waitForLoadState('networkidle');
      if (i === 0) continue;
      gaps.push(p.maxGap);
      rows.push({ form: compound ? 'compound' : 'din', fromFirstKey: p.dom - p.t0, fromEnter: p.dom - p.enter, painted: p.frame - p.t0, toAnswer: p.unitAnswered ? p.unitAnswered - p.enter : NaN, render: p.unitAnswered ? p.dom - p.unitAnswered : NaN });
      serverTimes.unit.push(await api(`/units/${u.din}`));
      if (compound) serverTimes.scan.push(await api('/scan', { method: 'POST', body: JSON.stringify({ data: text }) }));
    }
    const line = (name: string, xs: number[]) => {
      const s = summarize(xs);
      return [name, s.n, ms(s.p50), ms(s.p95), ms(s.max)];
    };
    const pick = (form: string | null, k: 'fromFirstKey' | 'fromEnter' | 'painted' | 'toAnswer' | 'render') => rows.filter((r) => !form || r.form === form).map((r) => r[k]).filter((x) => Number.isFinite(x));
    out(table(['scan to unit page (ms)', 'n', 'p50', 'p95', 'max'], [
      line('all, first character → page shown', pick(null, 'fromFirstKey')),
      line('all, first character → painted', pick(null, 'painted')),
      line('all, Enter → page shown', pick(null, 'fromEnter')),
      line('  of which Enter → GET /units/:din answered', pick(null, 'toAnswer')),
      line('  of which answer → page shown (React)', pick(null, 'render')),
      line('DIN structure, first character → shown', pick('din', 'fromFirstKey')),
      line('compound message, first character → shown', pick('compound', 'fromFirstKey')),
      line('server: GET /units/:din (from Node)', serverTimes.unit),
      line('server: POST /scan (from Node)', serverTimes.scan),
    ]));
    out(`largest gap between two characters of a scan (event time stamps): p50 ${ms(summarize(gaps).p50)} ms, max ${ms(summarize(gaps).max)} ms; ` +
      `scans not taken and repeated: ${missed.length}${missed.length ? ` (${missed.map((m) => `${m.form} with a ${ms(m.maxGap)} ms gap${m.alert ? `, "${m.alert}"` : ''}`).join('; ')})` : ''}`);
    const p95 = summarize(pick(null, 'painted')).p95;
    out(`scan to unit page painted, p95 ${ms(p95)} ms over ${rows.length} different DINs (target ≤ 300 ms: ${p95 <= 300 ? 'met' : 'NOT met'})`);
  } finally {
    await browser.close();
    await service?.stop();
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
