import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mod37_2 } from '../src/common/din';
import { readScan } from '../src/isbt128/structures';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';
import { HLA, IDM_DOCUMENTATION, QA_SIGNATURE, auth, collect, createDonor, createFreezer, determineEligibility, hoursAgo, makeEligible, processUnit, store } from './setup/fixtures';
import { decodeBarcodes, parseZplBarcodes, pdfText, pdfToPng } from './setup/labels';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** A label as the lab technician prints it: status, headers and the raw bytes. */
async function print(din: string, stage: string, opts: { zpl?: boolean; reason?: string; role?: Parameters<TestApp['token']>[0] } = {}) {
  const q = new URLSearchParams();
  if (opts.reason) q.set('reason', opts.reason);
  const req = t.http().get(`/api/v1/units/${din}/labels/${stage}${q.size ? `?${q}` : ''}`).set(await auth(t, opts.role ?? 'lab_technician')).set('accept', opts.zpl ? 'application/zpl' : 'application/pdf');
  return req.buffer(true).parse(binary);
}

const unitChain = async (din: string) => (await t.owner.query(`SELECT seq, action, reason, before, after FROM audit_entries WHERE chain = $1 ORDER BY seq`, [din])).rows;

/** A processed public unit of an eligible donor, with a product code; ABO typed; not stored. */
async function processedUnit(opts: { bankingType?: 'public' | 'family'; productCode?: string | null; abo?: boolean } = {}) {
  const bankingType = opts.bankingType ?? 'public';
  const donor = await createDonor(t, bankingType);
  await makeEligible(t, donor.id, bankingType);
  const { unit } = await collect(t, donor.id, { anticoagulantVolumeMl: 35 });
  const lab = await auth(t, 'lab_technician');
  await t.http().post(`/api/v1/units/${unit.din}/receipt`).set(lab).send({ receivedAt: hoursAgo(20), temperatureOk: true }).expect(200);
  const body: Record<string, unknown> = { processedAt: hoursAgo(18), volumeMl: 25, tncCount: 1.5e9, cd34Count: 5e6, viabilityPct: 95 };
  if (opts.productCode !== null) body.productCode = opts.productCode ?? 'S1128';
  await t.http().post(`/api/v1/units/${unit.din}/processing`).set(lab).send(body).expect(200);
  if (opts.abo !== false) await t.http().post(`/api/v1/units/${unit.din}/abo`).set(lab).send({ abo: 'A', rh: 'negative', typedAt: hoursAgo(10) }).expect(200);
  return { din: unit.din, donorId: donor.id };
}

describe('product code table (ISBT 128 ST-001 2.4.3, DESIGN.md 8)', () => {
  const CSV = 'code,description,class,modifiers,attributes\nS1128,"HPC, CORD BLOOD, bank table v2",HPC CORD BLOOD,Cryopreserved,10% DMSO\nS2000,"HPC, CORD BLOOD, divided",HPC CORD BLOOD,Cryopreserved|Divided,\n';

  it('the EXAMPLE table is version 1, marked as an example, on its own audit chain', async () => {
    const res = await t.http().get('/api/v1/reference/product-codes?version=1').set(await auth(t, 'auditor')).expect(200);
    expect(res.body).toMatchObject({ version: 1, example: true });
    expect(res.body.items.map((i: { code: string }) => i.code)).toContain('S1128');
    expect(res.body.items.every((i: { description: string }) => i.description.startsWith('EXAMPLE (not ICCBBA)'))).toBe(true);
    const chain = await t.owner.query(`SELECT seq, actor_type, action, after FROM audit_entries WHERE chain = 'reference:product-codes' ORDER BY seq`);
    expect(chain.rows[0]).toMatchObject({ seq: 1, actor_type: 'system', action: 'product_codes.loaded' });
    expect(chain.rows[0].after.codes.length).toBe(res.body.items.length);
  });

  it('Part 11.10(e): an admin loads a CSV as a new version, audited with every code; other roles are refused', async () => {
    for (const role of ['coordinator', 'lab_technician', 'quality_assurance'] as const) {
      expectProblem(await t.http().post('/api/v1/reference/product-codes').set(await auth(t, role)).set('content-type', 'text/csv').send(CSV), 403);
    }
    const res = await t.http().post('/api/v1/reference/product-codes?note=bank%20table%20v2').set(await auth(t, 'admin')).set('content-type', 'text/csv').send(CSV).expect(201);
    expect(res.body).toMatchObject({ version: 2, example: false, codeCount: 2, note: 'bank table v2' });
    const current = await t.http().get('/api/v1/reference/product-codes').set(await auth(t, 'lab_technician')).expect(200);
    expect(current.body.version).toBe(2);
    expect(current.body.items).toEqual([
      { code: 'S1128', description: 'HPC, CORD BLOOD, bank table v2', class: 'HPC CORD BLOOD', modifiers: 'Cryopreserved', attributes: '10% DMSO' },
      { code: 'S2000', description: 'HPC, CORD BLOOD, divided', class: 'HPC CORD BLOOD', modifiers: 'Cryopreserved|Divided', attributes: '' },
    ]);
    const entry = (await t.owner.query(`SELECT actor_type, reason, after FROM audit_entries WHERE chain = 'reference:product-codes' AND seq = 2`)).rows[0];
    expect(entry).toMatchObject({ actor_type: 'user', reason: 'bank table v2' });
    expect(entry.after.codes.map((c: { code: string }) => c.code)).toEqual(['S1128', 'S2000']);
    const verify = await t.owner.query(
      `SELECT count(*)::int AS n, bool_and(e.hash = audit_entry_hash(e.chain, e.din, e.donor_id, e.seq, e.at, e.actor_type, e.actor_id, e.actor_name, e.action, e.reason,
                                                    e.before, e.after, e.request_id, e.signature, e.prev_hash)) AS valid
         FROM audit_entries e WHERE chain = 'reference:product-codes'`,
    );
    expect(verify.rows[0]).toEqual({ n: 2, valid: true });
  });

  it('an invalid CSV is 422 naming each line and column, and nothing is loaded', async () => {
    const bad = 'code,description,class,modifiers,attributes\ns1128,x,HPC,,\nS3000,,HPC,,\nS3001,ok,HPC\nS3002,ok,HPC,,\nS3002,dup,HPC,,\n';
    const res = await t.http().post('/api/v1/reference/product-codes').set(await auth(t, 'admin')).set('content-type', 'text/csv').send(bad);
    expectProblem(res, 422);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(['line 2: code', 'line 3: description', 'line 4', 'line 6: code']);
    for (const junk of ['', 'not,a,header\n1,2,3\n', 'code,description,class,modifiers,attributes\n', 'code,description,class,modifiers,attributes\n"unterminated,x,y,,\n', 'code,description,class,modifiers,attributes\nS1\u0000,x,y,,\n']) {
      expectProblem(await t.http().post('/api/v1/reference/product-codes').set(await auth(t, 'admin')).set('content-type', 'text/csv').send(junk), 422);
    }
    expectProblem(await t.http().post('/api/v1/reference/product-codes').set(await auth(t, 'admin')).send({ csv: CSV, extra: 1 }), 422);
    const versions = await t.owner.query(`SELECT max(version) AS v FROM product_code_tables`);
    expect(versions.rows[0].v).toBe(2);
  });

  it('a loaded table can not be changed or deleted, even by the owner', async () => {
    await expect(t.owner.query(`UPDATE product_codes SET description = 'x' WHERE version = 1`)).rejects.toThrow(/append-only/);
    await expect(t.owner.query(`DELETE FROM product_code_tables WHERE version = 1`)).rejects.toThrow(/append-only/);
  });
});

describe('product code at processing (DESIGN.md 8)', () => {
  it('ISBT 128: processing assigns a product code from the current table; the unit keeps its table version after a new upload; an unknown code is 422', async () => {
    const donor = await createDonor(t);
    await makeEligible(t, donor.id, 'public');
    const { unit } = await collect(t, donor.id);
    const lab = await auth(t, 'lab_technician');
    await t.http().post(`/api/v1/units/${unit.din}/receipt`).set(lab).send({ receivedAt: hoursAgo(20), temperatureOk: true }).expect(200);
    const base = { processedAt: hoursAgo(18), volumeMl: 25, tncCount: 1.5e9, cd34Count: 5e6, viabilityPct: 95 };
    const unknown = await t.http().post(`/api/v1/units/${unit.din}/processing`).set(lab).send({ ...base, productCode: 'S9999' });
    expectProblem(unknown, 422);
    expect(unknown.body.errors[0].field).toBe('productCode');
    expectProblem(await t.http().post(`/api/v1/units/${unit.din}/processing`).set(lab).send({ ...base, productCode: 's1128' }), 422);
    const ok = await t.http().post(`/api/v1/units/${unit.din}/processing`).set(lab).send({ ...base, productCode: 'S2000' }).expect(200);
    const version = (await t.owner.query(`SELECT max(version) AS v FROM product_code_tables`)).rows[0].v;
    expect(ok.body.unit.productCode).toMatchObject({ code: 'S2000', tableVersion: version, isbt128: '=<S2000V00' });
    await t.http().post('/api/v1/reference/product-codes').set(await auth(t, 'admin')).set('content-type', 'text/csv').send('code,description,class,modifiers,attributes\nS1128,cord blood,HPC,,\nS2000,renamed,HPC,,\n').expect(201);
    const view = await t.http().get(`/api/v1/units/${unit.din}`).set(await auth(t, 'auditor')).expect(200);
    expect(view.body.productCode).toMatchObject({ code: 'S2000', tableVersion: version, description: 'HPC, CORD BLOOD, divided' });
  });

  it('ISBT 128: a processing.completed lab event may carry the product code; an unknown one is rejected (422) and nothing is applied', async () => {
    const donor = await createDonor(t);
    const { unit } = await collect(t, donor.id);
    await t.http().post(`/api/v1/units/${unit.din}/receipt`).set(await auth(t, 'lab_technician')).send({ receivedAt: hoursAgo(20), temperatureOk: true }).expect(200);
    const integration = await t.http().post('/api/v1/integrations').set(await auth(t, 'admin')).send({ name: `lims-${Date.now()}` }).expect(201);
    const data = { processedAt: hoursAgo(18), volumeMl: 24, tncCount: 1.2e9, cd34Count: 4e6, viabilityPct: 93 };
    const bad = await t.http().post('/api/v1/lab/events').set('x-api-key', integration.body.apiKey).send({ eventId: 'p-1', type: 'processing.completed', occurredAt: hoursAgo(18), din: unit.din, data: { ...data, productCode: 'S9999' } });
    expectProblem(bad, 422);
    expect((await t.owner.query(`SELECT processed_at FROM cord_blood_units WHERE din = $1`, [unit.din])).rows[0].processed_at).toBeNull();
    await t.http().post('/api/v1/lab/events').set('x-api-key', integration.body.apiKey).send({ eventId: 'p-2', type: 'processing.completed', occurredAt: hoursAgo(18), din: unit.din, data: { ...data, productCode: 'S1128' } }).expect(201);
    const view = await t.http().get(`/api/v1/units/${unit.din}`).set(await auth(t, 'auditor')).expect(200);
    expect(view.body).toMatchObject({ status: 'processed', productCode: { code: 'S1128' } });
    const noCode = await collect(t, donor.id);
    await t.http().post(`/api/v1/units/${noCode.unit.din}/receipt`).set(await auth(t, 'lab_technician')).send({ receivedAt: hoursAgo(20), temperatureOk: true }).expect(200);
    await t.http().post('/api/v1/lab/events').set('x-api-key', integration.body.apiKey).send({ eventId: 'p-3', type: 'processing.completed', occurredAt: hoursAgo(18), din: noCode.unit.din, data }).expect(201);
    expect((await t.http().get(`/api/v1/units/${noCode.unit.din}`).set(await auth(t, 'auditor'))).body.productCode).toBeNull();
  });

  it('Part 11.10(e): a correction of the product code is audited with the old and new values and its reason', async () => {
    const { din } = await processedUnit({ productCode: 'S1128' });
    await t.http().post('/api/v1/reference/product-codes').set(await auth(t, 'admin')).set('content-type', 'text/csv').send('code,description,class,modifiers,attributes\nS1128,cord blood,HPC,,\nS1129,cord blood RBC reduced,HPC,,\n').expect(201);
    const res = await t.http().patch(`/api/v1/units/${din}`).set(await auth(t, 'lab_technician')).send({ productCode: 'S1129', reason: 'processed with red cell reduction only' }).expect(200);
    expect(res.body.productCode).toMatchObject({ code: 'S1129', description: 'cord blood RBC reduced' });
    const entry = (await unitChain(din)).find((e) => e.action === 'unit.corrected');
    expect(entry).toMatchObject({ reason: 'processed with red cell reduction only', before: { product_code: 'S1128' }, after: { product_code: 'S1129' } });
    expectProblem(await t.http().patch(`/api/v1/units/${din}`).set(await auth(t, 'lab_technician')).send({ productCode: 'S2000', reason: 'not in the current table' }), 422);
  });
});

describe('POST /scan (keyboard wedge)', () => {
  it('reads a compound message, names every structure and its fields, and the unit it names', async () => {
    const { din } = await processedUnit();
    const msg = `=+03000=${din}00=%0600=<S1128V00`;
    const res = await t.http().post('/api/v1/scan').set(await auth(t, 'auditor')).send({ data: `${msg}\r\n` }).expect(200);
    expect(res.body.structures.map((s: { number: string }) => s.number)).toEqual(['023', '001', '002', '003']);
    expect(res.body.structures[2].fields).toMatchObject({ abo: 'A', rh: 'negative' });
    expect(res.body.unit).toMatchObject({ din, dinCheck: mod37_2(din), status: 'processed' });
    const bare = await t.http().post('/api/v1/scan').set(await auth(t, 'coordinator')).send({ data: `${din}${mod37_2(din)}` }).expect(200);
    expect(bare.body.unit.din).toBe(din);
    const unknown = await t.http().post('/api/v1/scan').set(await auth(t, 'coordinator')).send({ data: '=W12349999999900' }).expect(200);
    expect(unknown.body.unit).toBeNull();
  });

  it('garbage is a 422 naming what could not be read, never a 500', async () => {
    const token = await auth(t, 'lab_technician');
    for (const data of ['hello', '=+05000=W123426', '=%ZZ00', '&>0273661200', '=<S1128V0', '\u0000', 'é'.repeat(10), '=\\620000000000000000', '0460691800']) {
      const res = await t.http().post('/api/v1/scan').set(token).send({ data });
      expectProblem(res, 422);
      expect(res.body.errors[0]).toMatchObject({ field: 'data' });
      expect(res.body.errors[0].message.length).toBeGreaterThan(10);
    }
    expectProblem(await t.http().post('/api/v1/scan').set(token).send({ data: 12 }), 422);
    expectProblem(await t.http().post('/api/v1/scan').set(token).send({}), 422);
  });
});

describe('labels (ISBT 128, 21 CFR 1271.370)', () => {
  it('ISBT 128: the collection label carries the DIN, collection and expiry barcodes and a DataMatrix of them, as read off the rendered page', async () => {
    const donor = await createDonor(t);
    const { unit } = await collect(t, donor.id);
    const res = await print(unit.din, 'collection');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const found = await decodeBarcodes(pdfToPng(res.body));
    const code128 = found.filter((b) => b.format === 'Code128').map((b) => b.text);
    const dm = found.filter((b) => b.format === 'DataMatrix').map((b) => b.text);
    const collectedAt = (await t.owner.query(`SELECT collected_at FROM collections WHERE din = $1`, [unit.din])).rows[0].collected_at as Date;
    const dinRead = code128.map((c) => readScan(c)[0]).find((s) => s.kind === 'din')!;
    expect(dinRead.fields).toMatchObject({ din: unit.din, dinCheck: unit.dinCheck, flagCheckValid: true });
    const coll = code128.map((c) => readScan(c)[0]).find((s) => s.kind === 'collection')!;
    expect(coll.fields.at).toBe(new Date(Math.floor(collectedAt.getTime() / 60_000) * 60_000).toISOString());
    expect(code128.map((c) => readScan(c)[0].kind).sort()).toEqual(['collection', 'din', 'expiration']);
    expect(dm).toHaveLength(1);
    const inDm = readScan(dm[0]).slice(1).map((s) => s.text);
    expect(inDm.sort()).toEqual([...code128].sort());
    const text = pdfText(res.body);
    expect(text).toContain(`${unit.din.slice(0, 5)} ${unit.din.slice(5, 7)} ${unit.din.slice(7)}`);
    expect(text).toContain('HPC, Cord Blood');
  });

  it('21 CFR 1271.60(d)(2): a unit whose donor eligibility is incomplete is labelled NOT EVALUATED FOR INFECTIOUS SUBSTANCES, with the warning', async () => {
    const donor = await createDonor(t);
    const { unit } = await collect(t, donor.id);
    const text = pdfText((await print(unit.din, 'collection')).body).replace(/\s+/g, ' ');
    expect(text).toContain('NOT EVALUATED FOR INFECTIOUS SUBSTANCES');
    expect(text).toContain('WARNING: Advise patient of communicable disease risks');
    expect(text).not.toContain('FOR AUTOLOGOUS USE ONLY');
    expect(text).not.toContain('BIOHAZARD');
  });

  it('FACT-NetCord labelling: a stage the record does not support yet is 409 naming what is missing (no product code; no ABO for a final label; no approved request for shipping)', async () => {
    const noCode = await processedUnit({ productCode: null, abo: false });
    const p = await print(noCode.din, 'processing');
    expect(p.status).toBe(409);
    expect(p.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(p.body.toString()).missing.join(' ')).toMatch(/productCode/);
    const noAbo = await processedUnit({ abo: false });
    const f = JSON.parse((await print(noAbo.din, 'final')).body.toString());
    expect(f).toMatchObject({ status: 409, code: 'LABEL_NOT_SUPPORTED' });
    expect(f.missing).toEqual(['abo: no ABO/Rh typing recorded']);
    const s = JSON.parse((await print(noAbo.din, 'shipping')).body.toString());
    expect(s.missing.map((m: string) => m.split(':')[0])).toEqual(['abo', 'shipment']);
    const bad = JSON.parse((await print(noAbo.din, 'thaw')).body.toString());
    expect(bad).toMatchObject({ status: 422 });
    expect((await unitChain(noAbo.din)).some((e) => String(e.action).startsWith('unit.label'))).toBe(false);
  });

  it('ISBT 128: the final label of an eligible public unit reads back as the record (DIN, ABO/Rh, product, dates) in PDF and in ZPL, with no 21 CFR 1271 warning', async () => {
    const { din } = await processedUnit();
    const res = await print(din, 'final');
    expect(res.status).toBe(200);
    const code128 = (await decodeBarcodes(pdfToPng(res.body))).filter((b) => b.format === 'Code128').map((b) => readScan(b.text)[0]);
    const byKind = Object.fromEntries(code128.map((s) => [s.kind, s]));
    expect(byKind.din.fields).toMatchObject({ din });
    expect(byKind.bloodGroups.fields).toMatchObject({ abo: 'A', rh: 'negative' });
    expect(byKind.productCode.fields).toMatchObject({ productDescriptionCode: 'S1128', collectionType: 'V', division: '00' });
    const processedAt = (await t.owner.query(`SELECT processed_at FROM cord_blood_units WHERE din = $1`, [din])).rows[0].processed_at as Date;
    expect(new Date(String(byKind.expiration.fields.at)).getUTCFullYear()).toBe(processedAt.getUTCFullYear() + 20);
    const text = pdfText(res.body).replace(/\s+/g, ' ');
    expect(text).toContain('A Rh NEG');
    expect(text).toContain('Volume: 25 mL');
    expect(text).toContain('Anticoagulant: 35 mL');
    expect(text).not.toMatch(/WARNING|NOT EVALUATED|BIOHAZARD|AUTOLOGOUS/);

    const zpl = await print(din, 'final', { zpl: true, reason: 'thermal printer copy' });
    expect(zpl.headers['content-type']).toMatch(/^application\/zpl/);
    const fields = parseZplBarcodes(zpl.body.toString('utf8'));
    expect(fields.code128.sort()).toEqual(code128.map((s) => s.text).sort());
    expect(fields.dataMatrix).toHaveLength(1);
    expect(readScan(fields.dataMatrix[0]).slice(1).map((s) => s.text).sort()).toEqual(code128.map((s) => s.text).sort());
  });

  it('21 CFR 1271.90(c)(1): a family unit is labelled FOR AUTOLOGOUS USE ONLY, its ABO/Rh and product code carry the autologous / family types', async () => {
    const { din } = await processedUnit({ bankingType: 'family' });
    const res = await print(din, 'final');
    const text = pdfText(res.body).replace(/\s+/g, ' ');
    expect(text).toContain('FOR AUTOLOGOUS USE ONLY');
    const read = (await decodeBarcodes(pdfToPng(res.body))).filter((b) => b.format === 'Code128').map((b) => readScan(b.text)[0]);
    expect(read.find((s) => s.kind === 'bloodGroups')!.text).toBe('=%0800');
    expect(read.find((s) => s.kind === 'productCode')!.fields).toMatchObject({ collectionType: 'F' });
  });

  it('21 CFR 1271.65(b)(2): a unit of an ineligible donor carries the Biohazard legend, the warning and the reactive test results', async () => {
    const { din, donorId } = await processedUnit({ bankingType: 'family' });
    await t.http().post(`/api/v1/donors/${donorId}/infectious-disease-tests`).set(await auth(t, 'lab_technician')).send({ marker: 'HBsAg', result: 'positive', sampleDrawnAt: hoursAgo(30), ...IDM_DOCUMENTATION }).expect(201);
    const res = await print(din, 'final');
    const text = pdfText(res.body).replace(/\s+/g, ' ');
    expect(text).toContain('BIOHAZARD');
    expect(text).toContain('WARNING: Advise patient of communicable disease risks');
    expect(text).toContain('WARNING: Reactive test results for HBsAg');
    expect(text).toContain('FOR AUTOLOGOUS USE ONLY');
    expect(text).not.toContain('NOT EVALUATED');
    const zpl = (await print(din, 'final', { zpl: true, reason: 'thermal copy' })).body.toString();
    expect(zpl).toContain('^FDWARNING: Reactive test results for HBsAg^FS');
    expect(zpl).toContain('^FDBIOHAZARD^FS');
  });

  it('Part 11.10(e): every print is on the unit\'s audit chain; a reprint needs a reason; labels are for lab technicians', async () => {
    const { din } = await processedUnit();
    expect((await print(din, 'processing', { role: 'coordinator' })).status).toBe(403);
    expect((await print(din, 'processing', { role: 'quality_assurance' })).status).toBe(403);
    const first = await print(din, 'processing');
    expect(first.headers['x-label-print-number']).toBe('1');
    const again = await print(din, 'processing', { zpl: true });
    const problem = JSON.parse(again.body.toString());
    expect(problem).toMatchObject({ status: 422, errors: [{ field: 'reason' }] });
    const nul = JSON.parse((await print(din, 'processing', { reason: 'smudged\u0000label' })).body.toString());
    expect(nul).toMatchObject({ status: 422, errors: [{ field: 'reason' }] });
    const re = await print(din, 'processing', { reason: 'label smudged at thaw' });
    expect(re.status).toBe(200);
    expect(re.headers['x-label-print-number']).toBe('2');
    const entries = (await unitChain(din)).filter((e) => String(e.action).startsWith('unit.label'));
    expect(entries.map((e) => [e.action, e.reason])).toEqual([['unit.label.printed', null], ['unit.label.reprinted', 'label smudged at thaw']]);
    expect(entries[0].after).toMatchObject({ stage: 'processing', format: 'pdf', print_number: 1 });
    const head = await t.http().head(`/api/v1/units/${din}/labels/final`).set(await auth(t, 'lab_technician'));
    expect(head.status).toBe(405);
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM unit_label_prints WHERE din = $1 AND stage = 'final'`, [din])).rows[0].n).toBe(0);
    const verify = await t.http().get(`/api/v1/units/${din}/audit/verify`).set(await auth(t, 'auditor')).expect(200);
    expect(verify.body.valid).toBe(true);
    await expect(t.owner.query(`INSERT INTO unit_label_prints (din, stage, format, print_number, content_sha256, structures, statements) VALUES ($1, 'processing', 'pdf', 3, repeat('a', 64), '[]', '{}')`, [din])).rejects.toThrow(/reprint_reason|carries no actor/);
  });
  it('Part 11.10(e): two first prints at the same moment: the database orders them, one is the print, the other a reprint that needs a reason', async () => {
    const { din } = await processedUnit();
    const answers = await Promise.all([print(din, 'final'), print(din, 'final'), print(din, 'final', { zpl: true })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422, 422]);
    const rows = (await t.owner.query(`SELECT print_number FROM unit_label_prints WHERE din = $1 AND stage = 'final'`, [din])).rows;
    expect(rows).toEqual([{ print_number: 1 }]);
  });
});

describe('scan-back verification', () => {
  it('FACT-NetCord labelling (bank policy): a scan-back that matches the record is recorded; another DIN, product or ABO is 409 and recorded too, for QA', async () => {
    const { din } = await processedUnit();
    const other = await processedUnit();
    const label = await print(din, 'final');
    const scans = (await decodeBarcodes(pdfToPng(label.body))).map((b) => b.text);
    const ok = await t.http().post(`/api/v1/units/${din}/labels/final/verify`).set(await auth(t, 'lab_technician')).send({ scans }).expect(200);
    expect(ok.body).toMatchObject({ result: 'match', stage: 'final' });
    const dmOnly = scans.filter((s) => s.startsWith('=+'));
    await t.http().post(`/api/v1/units/${din}/labels/final/verify`).set(await auth(t, 'lab_technician')).send({ scans: dmOnly }).expect(200);

    const wrong = await t.http().post(`/api/v1/units/${din}/labels/final/verify`).set(await auth(t, 'lab_technician')).send({ scans: [`=${other.din}00`, '=%5100', '=<S1128V00'] });
    expectProblem(wrong, 409);
    expect(wrong.body.code).toBe('LABEL_MISMATCH');
    expect(wrong.body.mismatches.map((m: { structure: string }) => m.structure)).toEqual(['din', 'bloodGroups']);
    const rows = (await t.owner.query(`SELECT result, mismatches FROM unit_label_verifications WHERE din = $1 ORDER BY verified_at`, [din])).rows;
    expect(rows.map((r) => r.result)).toEqual(['match', 'match', 'mismatch']);
    const actions = (await unitChain(din)).map((e) => e.action).filter((a) => String(a).startsWith('unit.label.'));
    expect(actions).toEqual(['unit.label.printed', 'unit.label.verified', 'unit.label.verified', 'unit.label.mismatch']);

    const missing = await t.http().post(`/api/v1/units/${din}/labels/final/verify`).set(await auth(t, 'lab_technician')).send({ scans: [`=${din}00`] });
    expectProblem(missing, 409);
    expect(missing.body.mismatches.map((m: { message: string }) => m.message)).toEqual(['product code was not scanned', 'ABO/Rh was not scanned']);
    const garbage = await t.http().post(`/api/v1/units/${din}/labels/final/verify`).set(await auth(t, 'lab_technician')).send({ scans: ['=W1234', 'ok'] });
    expectProblem(garbage, 422);
    expect(garbage.body.errors.map((e: { field: string }) => e.field)).toEqual(['scans[0]', 'scans[1]']);
    expectProblem(await t.http().post(`/api/v1/units/${din}/labels/final/verify`).set(await auth(t, 'coordinator')).send({ scans }), 403);
  });
});

describe('unit report', () => {
  it('21 CFR 1271.55: the unit report carries identity, HLA, cell counts, ABO/Rh, sterility, the donor\'s IDM results and the eligibility with its summary, storage and custody', async () => {
    const donor = await createDonor(t);
    await makeEligible(t, donor.id, 'public');
    const { unit } = await collect(t, donor.id);
    await processUnit(t, unit.din, { hla: HLA });
    const freezer = await createFreezer(t);
    await store(t, unit.din, freezer.id);
    await determineEligibility(t, unit.din);
    await t.http().post(`/api/v1/units/${unit.din}/status`).set(await auth(t, 'quality_assurance')).send({ to: 'available', reason: 'criteria met', signature: QA_SIGNATURE }).expect(200);
    const res = await t.http().get(`/api/v1/units/${unit.din}/report`).set(await auth(t, 'auditor')).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body).replace(/\s+/g, ' ');
    expect(text).toContain(`${unit.din.slice(0, 5)} ${unit.din.slice(5, 7)} ${unit.din.slice(7)}`);
    expect(text).toContain('A*02:01, 24:02');
    expect(text).toContain('DRB1*15:01, 04:01');
    expect(text).toContain('1.50 × 10^9');
    expect(text).toContain('O Rh positive');
    expect(text).toContain('aerobic negative, anaerobic negative');
    expect(text).toContain('Computed determination: ELIGIBLE');
    for (const marker of ['HIV-1', 'HBsAg', 'T. cruzi', 'WNV']) expect(text).toContain(`${marker}: negative`);
    expect(text).toMatch(/storage: .*freezer F\d+/);
    expect(text).toContain('Chain of custody');
    expect(text).not.toContain('Ana');
    expectProblem(await t.http().get('/api/v1/units/W123499999999/report').set(await auth(t, 'auditor')), 404);
  });
});
