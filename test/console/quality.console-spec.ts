/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { HLA, auth, collect, createDonor, createFreezer, determineEligibility, makeEligible, processUnit, store } from '../setup/fixtures';
import { PASSWORD, TestApp, startTestApp } from '../setup/test-app';
import { axeViolations, launch, newPage, screenshot, type ConsoleBrowser } from './browser';

/**
 * The console's quality screens (DESIGN.md sections 9-11, issue 18) in a real Chromium against the
 * real service on its embedded PostgreSQL: deviations, adverse reactions, look-backs, supplies,
 * equipment and alarms, each driven by labels and roles as a user reads them, by the role that does
 * the work, and checked for what a role refused does not see. Every screen visited is checked with
 * axe-core.
 */
let t: TestApp;
let b: ConsoleBrowser;
let donorId = '';
let freezerId = '';
const axeFindings: string[] = [];
/** Uncaught errors in the page (a screen that crashed): there must be none. */
const pageErrors: string[] = [];
type Role = 'coordinator' | 'lab_technician' | 'quality_assurance' | 'medical_director' | 'auditor' | 'admin';

beforeAll(async () => {
  t = await startTestApp();
  b = await launch();
  for (const role of ['coordinator', 'lab_technician', 'quality_assurance', 'medical_director', 'auditor'] as const) await t.token(role);
  donorId = (await createDonor(t)).id;
  await makeEligible(t, donorId, 'public');
  freezerId = (await createFreezer(t, { racks: 2, boxesPerRack: 2, rows: 6, columns: 6 })).id;
}, 90_000);
afterAll(async () => {
  await b?.close();
  await t?.close();
});

const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
const api = async (method: 'get' | 'post', path: string, role: Role, body?: object) => {
  const req = t.http()[method](`/api/v1${path}`).set(await auth(t, role));
  return body ? req.send(body) : req;
};
const unitStatus = async (din: string) => (await t.owner.query(`SELECT status FROM cord_blood_units WHERE din = $1`, [din])).rows[0].status as string;

/** A unit collected (optionally with supply lots and equipment) and released to `available` through the API. */
async function availableUnit(supplyLots: string[] = [], equipment: string[] = []): Promise<string> {
  const { unit } = await collect(t, donorId, { ...(supplyLots.length ? { supplyLots } : {}), ...(equipment.length ? { equipment } : {}) });
  await processUnit(t, unit.din);
  await store(t, unit.din, freezerId);
  await determineEligibility(t, unit.din);
  const res = await api('post', `/units/${unit.din}/status`, 'quality_assurance', { to: 'available', reason: 'release criteria met', signature: { email: 'quality_assurance@bank.test', password: PASSWORD, meaning: 'release' } });
  if (res.status !== 200) throw new Error(`available: ${res.status} ${JSON.stringify(res.body)}`);
  return unit.din;
}

/** A unit taken to a patient: request, reserve, approve, ship, deliver, outcome (infused). */
async function infusedUnit(din: string): Promise<{ requestId: string; requestNumber: string }> {
  const r = await api('post', '/release-requests', 'coordinator', {
    requestingFacility: "Children's Hospital Transplant Centre", physician: 'Dr. A. Okafor', intendedUse: 'allogeneic_transplant',
    neededBy: new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10),
    patient: { identifier: 'MRN-7781', weightKg: 20, diagnosis: 'acute lymphoblastic leukaemia', hla: { A: HLA.A, B: HLA.B, DRB1: HLA.DRB1 } },
  });
  if (r.status !== 201) throw new Error(`request: ${r.status} ${JSON.stringify(r.body)}`);
  // each act's own time is taken when it is sent (after the one before it)
  const at = (s: number) => new Date(Date.now() + s * 1000).toISOString();
  const steps: [string, () => object, Role][] = [
    ['reserve', () => ({ din }), 'coordinator'],
    ['approve', () => ({ signature: { email: 'medical_director@bank.test', password: PASSWORD, meaning: 'approval' } }), 'medical_director'],
    ['ship', () => ({ courier: 'ColdChain Couriers', dispatchedAt: at(0), shipperId: 'DS-0042', temperatureLoggerId: 'TL-7731' }), 'lab_technician'],
    ['deliver', () => ({ receivedAt: at(0), receivedBy: 'N. Park', temperatureOk: true }), 'coordinator'],
    ['outcome', () => ({ infusedAt: at(0), notes: 'infused without reaction' }), 'coordinator'],
  ];
  for (const [step, body, role] of steps) {
    const res = await api('post', `/release-requests/${r.body.id}/${step}`, role, body());
    if (res.status >= 300) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { requestId: r.body.id, requestNumber: r.body.requestNumber };
}

async function signIn(role: Role): Promise<Page> {
  const { page } = await newPage(b, t.baseUrl);
  page.on('pageerror', (e) => pageErrors.push(`${role} ${page.url()}: ${e.message}`));
  await page.goto('/');
  await page.getByLabel(label('E-mail')).fill(`${role}@bank.test`);
  await page.getByLabel(label('Password')).fill(role === 'admin' ? 'admin-password-123' : PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
  return page;
}

async function checkScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  for (const v of await axeViolations(page)) axeFindings.push(`${name}: ${v}`);
  if (!(await page.getByRole('dialog').count())) await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function goTo(page: Page, screen: string, heading: string | RegExp = screen): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
}

/** A Mantine Select: open it by its label, pick the option by its words. */
async function choose(scope: Page | Locator, page: Page, field: string | RegExp, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: typeof field === 'string' ? label(field) : field }).click();
  await page.getByRole('option', { name: option }).click();
}

/** The navigation's screen names as this role sees them. */
async function screens(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Screens' }).getByRole('link').allTextContents();
}

/** Clicks `button` and reads the file the browser saves. */
async function downloaded(page: Page, button: Locator): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: download.suggestedFilename(), body: readFileSync((await download.path())!) };
}

async function sign(page: Page, dialogName: RegExp, password = PASSWORD): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.getByLabel(label('Password')).fill(password);
  await dialog.getByRole('button', { name: 'Sign' }).click();
  return dialog;
}

describe('the console quality screens', () => {
  it('21 CFR 1271.160(b)(2), FACT-NetCord CAPA: QA opens a deviation for two units (both go on hold), investigates, adds and closes a CAPA action, dispositions each unit, attaches a document and closes it e-signed', async () => {
    const dins = [await availableUnit(), await availableUnit()];
    const page = await signIn('quality_assurance');
    await goTo(page, 'Deviations');
    await checkScreen(page, 'deviations');
    // an API refusal is shown as its problem: a unit that does not exist
    await page.getByLabel(label('Title')).fill('Dewar F1 lid left open during put-away');
    await page.getByLabel(label('Where found')).fill('Cryostorage room, Dewar F1');
    await page.getByLabel(label('What happened')).fill('The lid stayed open for about 4 minutes while two units were put away.');
    await page.getByLabel('Units concerned (DINs)').fill('W000026999999');
    await page.getByRole('button', { name: 'Report deviation' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/W000026999999|not found|does not exist/i);
    await page.getByLabel('Units concerned (DINs)').fill(dins.join('\n'));
    await expect(page.getByText('2 of 2 unit(s) will go on hold').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Report deviation' }).click();
    await page.waitForURL(/\/deviations\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /Deviation DV\d{6}: Dewar F1 lid/ }).waitFor();
    // the units are on hold in the database, and the screen says so
    for (const din of dins) expect(await unitStatus(din)).toBe('on_hold');
    await expect(page.getByRole('table', { name: 'Units concerned' }).getByText('put on hold').count()).resolves.toBe(2);

    await page.getByLabel('Investigation', { exact: true }).fill('Put-away took longer than the SOP allows; the lid alarm was muted.');
    await page.getByLabel('Root cause').fill('Lid alarm muted by default after maintenance.');
    await page.getByRole('button', { name: 'Save investigation' }).click();
    await page.getByText('investigating', { exact: true }).waitFor();

    await page.getByLabel(label('CAPA action')).fill('Unmute the lid alarm; add it to the post-maintenance checklist');
    await page.getByLabel(label('Owner')).fill('Cryostorage lead');
    await page.getByRole('button', { name: 'Add CAPA action' }).click();
    const capa = page.getByRole('table', { name: 'CAPA actions' });
    await capa.getByText('Cryostorage lead').waitFor();
    await capa.getByLabel(/^Done note for/).fill('Alarm unmuted, checklist v3 issued');
    await capa.getByRole('button', { name: 'Mark done' }).click();
    await capa.getByText(/Alarm unmuted, checklist v3 issued/).waitFor();
    await capa.getByLabel(/^Effectiveness note for/).fill('No open-lid event in 30 put-aways');
    await capa.getByRole('button', { name: 'Record check' }).click();
    await capa.getByText(/effective: No open-lid event/).waitFor();

    // closure is blocked while a unit has no disposition: the screen lists why
    await page.getByText(`no disposition for unit(s) ${dins.join(', ')}`).waitFor();
    for (const din of dins) {
      await page.getByLabel(`Reason for ${din}`).fill('Exposure 4 min at the neck of the Dewar: within the validated limit');
      await page.getByRole('row', { name: new RegExp(din) }).getByRole('button', { name: 'Record disposition' }).click();
      await page.getByText(/^use as is: Exposure 4 min/).nth(dins.indexOf(din)).waitFor();
    }

    // a document, stored with its SHA-256, downloaded back as it was
    await page.getByLabel(label('Document title')).fill('Dewar F1 lid alarm log');
    await page.locator('input[type=file]').setInputFiles({ name: 'lid-log.txt', mimeType: 'text/plain', buffer: Buffer.from('14:02 lid open\n14:06 lid closed\n') });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('table', { name: 'Documents' }).getByText('Dewar F1 lid alarm log').waitFor();
    const file = await downloaded(page, page.getByRole('button', { name: 'Download Dewar F1 lid alarm log' }));
    expect(file.body.toString()).toBe('14:02 lid open\n14:06 lid closed\n');

    await page.getByText('Nothing blocks closure.').waitFor();
    await checkScreen(page, 'deviation');
    await page.getByLabel('Closure summary').fill('Lid alarm restored; no product impact; CAPA effective.');
    await page.getByRole('button', { name: 'Close deviation' }).click();
    // a wrong password is refused in the dialog, nothing is closed
    const dialog = await sign(page, /Sign: closure of DV/, 'not-my-password');
    await dialog.getByRole('alert').waitFor();
    await checkScreen(page, 'deviation-closure-signature');
    await sign(page, /Sign: closure of DV/);
    await page.getByText(/^Closed .* by /).waitFor();
    await expect(page.getByText('closed', { exact: true }).count()).resolves.toBeGreaterThan(0);
    // a closed deviation offers no act
    expect(await page.getByRole('button', { name: /Record disposition|Add CAPA action|Save investigation|Close deviation/ }).count()).toBe(0);
    const url = page.url();
    await page.close();

    // the auditor reads the same deviation and its history, and is offered no act at all
    const auditor = await signIn('auditor');
    await goTo(auditor, 'Deviations');
    expect(await auditor.getByRole('button', { name: 'Report deviation' }).count()).toBe(0);
    await auditor.goto(url);
    await auditor.getByRole('table', { name: 'Deviation history' }).getByText('closed').waitFor();
    expect(await auditor.getByRole('button', { name: /Upload|Record|Close|Add|Save/ }).count()).toBe(0);
    await auditor.close();
  });

  it('21 CFR 1271.210 and 1271.290: the lab receives a supply lot, QA accepts it, sees which units used it and opens a look-back from it; units held, consignee notified and acknowledged, dispositions, CSV report, closure e-signed', async () => {
    // lab technician: receive the lot; QC is not theirs to decide
    let page = await signIn('lab_technician');
    await goTo(page, 'Supplies', 'Supply lots');
    const lotNumber = `BAG-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    await choose(page, page, 'Supply type', 'collection bag');
    await page.getByLabel(label('Manufacturer')).fill('Macopharma');
    await page.getByLabel(label('Lot number')).fill(lotNumber);
    await page.getByRole('button', { name: 'Record lot' }).click();
    await page.getByRole('link', { name: lotNumber }).waitFor();
    expect(await page.getByRole('button', { name: `Accept lot ${lotNumber}` }).count()).toBe(0);
    expect(await screens(page)).toEqual(expect.arrayContaining(['Supplies', 'Equipment', 'Alarms', 'Look-backs']));
    await page.close();

    // QA: QC accept
    page = await signIn('quality_assurance');
    await goTo(page, 'Supplies', 'Supply lots');
    await page.getByLabel(`QC note for ${lotNumber}`).fill('CoA checked, visual inspection passed');
    await page.getByRole('button', { name: `Accept lot ${lotNumber}` }).click();
    await page.getByRole('row', { name: new RegExp(lotNumber) }).getByText('accepted').waitFor();
    await checkScreen(page, 'supplies');

    // two units used the lot: one still in the bank, one infused at a transplant centre
    const inBank = await availableUnit([lotNumber]);
    const given = await availableUnit([lotNumber]);
    await infusedUnit(given);

    await page.getByRole('link', { name: lotNumber }).click();
    const used = page.getByRole('table', { name: 'Units that used this lot' });
    await used.locator(`[data-din="${inBank}"]`).waitFor();
    await used.locator(`[data-din="${given}"]`).waitFor();
    await checkScreen(page, 'supply-lot-units');
    await page.getByRole('link', { name: 'Open a look-back on this lot' }).click();
    await page.getByRole('heading', { name: 'Look-backs', level: 2 }).waitFor();
    await page.getByLabel(label('Reason'), { exact: false }).fill('Manufacturer recall notice MR-2026-031: possible seal defect');
    await page.getByRole('button', { name: 'Open look-back' }).click();
    await page.waitForURL(/\/lookbacks\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /Look-back LB\d{6}/ }).waitFor();
    await page.getByText(`From supply lot ${lotNumber}`, { exact: false }).waitFor();
    expect(await unitStatus(inBank)).toBe('on_hold');
    const units = page.getByRole('table', { name: 'Look-back units' });
    await units.getByRole('row', { name: new RegExp(inBank) }).getByText('held', { exact: true }).waitFor();
    await units.getByRole('row', { name: new RegExp(given) }).getByText('distributed').waitFor();

    // the consignee of the infused unit: notified by phone, acknowledged
    await page.getByText(/Children's Hospital Transplant Centre · Dr\. A\. Okafor \(NOT notified\)/).waitFor();
    await page.getByLabel("Person reached at Children's Hospital Transplant Centre").fill('Dr. A. Okafor (transplant physician)');
    await page.getByLabel('Acknowledged').check();
    await page.getByRole('button', { name: 'Record notification' }).click();
    await page.getByText(/\(notified, acknowledged\)/).waitFor();

    // dispositions: the held unit back to inventory, the infused one followed up by its physician
    await units.getByRole('checkbox', { name: `Choose ${inBank}` }).check();
    await page.getByLabel('Disposition note').fill('Seal intact on inspection; lot defect does not affect this bag');
    await page.getByRole('button', { name: 'Record disposition of 1 unit(s)' }).click();
    await units.getByText(/returned to inventory: Seal intact/).waitFor();
    await units.getByRole('checkbox', { name: `Choose ${given}` }).check();
    await choose(page, page, 'Disposition', 'used recipient followed up');
    await page.getByLabel('Disposition note').fill('Transplant physician follows the recipient');
    await page.getByRole('button', { name: 'Record disposition of 1 unit(s)' }).click();
    await units.getByText(/used recipient followed up: Transplant physician/).waitFor();
    await page.getByText('Every unit has a disposition and every consignee was notified: it may close.').waitFor();
    await checkScreen(page, 'lookback');

    const csv = await downloaded(page, page.getByRole('button', { name: 'Download CSV report' }));
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.body.toString()).toContain(inBank);
    expect(csv.body.toString()).toContain("Children's Hospital Transplant Centre");
    const pdf = await downloaded(page, page.getByRole('button', { name: 'Download PDF report' }));
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByLabel('Closure note').fill('Every unit dispositioned, the consignee acknowledged');
    await page.getByRole('button', { name: 'Close look-back' }).click();
    await sign(page, /Sign: closure of LB/);
    await page.getByText(/^Closed .* by /).waitFor();
    expect(await page.getByRole('button', { name: /Record disposition|Record notification|Close look-back/ }).count()).toBe(0);
    await goTo(page, 'Look-backs');
    await checkScreen(page, 'lookbacks');
    await page.close();

    // a coordinator reads look-backs but opens none and records nothing
    page = await signIn('coordinator');
    await goTo(page, 'Look-backs');
    expect(await page.getByRole('button', { name: 'Open look-back' }).count()).toBe(0);
    await page.close();
  });

  it('21 CFR 1271.350(a): the medical director reports a serious adverse reaction from a delivered request, sees the 15-day FDA clock as days left, and links it to a deviation', async () => {
    const din = await availableUnit();
    const { requestNumber } = await infusedUnit(din);
    const page = await signIn('medical_director');
    await goTo(page, 'Adverse reactions');
    await choose(page, page, 'Release request (delivered)', new RegExp(requestNumber));
    await page.getByRole('combobox', { name: 'Seriousness criteria' }).click({ force: true });
    await page.getByRole('option', { name: 'hospitalization' }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel(label('Description')).fill('Fever 39.2 °C and rigors 40 minutes after infusion; admitted overnight');
    // the form's default onset (an hour ago) is before the infusion: the API's field error is on the field
    await page.getByRole('button', { name: 'Report reaction' }).click();
    const onset = page.getByLabel(label('Onset'));
    await page.getByText(/can not be before the infusion/).first().waitFor();
    expect(await onset.getAttribute('aria-invalid')).toBe('true');
    // after the infusion (seconds ago) and before now, when the bank receives the report (the browser runs in UTC)
    await onset.fill(new Date().toISOString().slice(0, 19));
    await page.getByRole('button', { name: 'Report reaction' }).click();
    await page.getByRole('heading', { name: /AR\d{6}: moderate \(serious\)/ }).waitFor();
    // received now: the report is due in 15 calendar days
    await page.getByText(/^1[45] day\(s\) left to report to FDA \(due \d{4}-\d{2}-\d{2}\)$/).waitFor();
    await page.getByLabel(/^Why the product is implicated/).fill('Sterility of the retained segment positive for S. epidermidis');
    await page.getByRole('button', { name: 'Open a deviation' }).click();
    await page.getByRole('link', { name: /deviation DV\d{6}/ }).waitFor();
    await checkScreen(page, 'adverse-reactions');
    await page.close();

    // a lab technician reads it, reports none and updates none
    const lab = await signIn('lab_technician');
    await goTo(lab, 'Adverse reactions');
    await lab.getByRole('heading', { name: /AR\d{6}/ }).waitFor();
    expect(await lab.getByRole('button', { name: /Report reaction|Open a deviation|Record FDA report/ }).count()).toBe(0);
    await lab.close();
  });

  it('21 CFR 1271.200: the lab registers equipment with its due dates and records a calibration; QA does not', async () => {
    const page = await signIn('lab_technician');
    await goTo(page, 'Equipment');
    await page.getByLabel(label('Name')).fill('Sepax 2 cell processor');
    await choose(page, page, 'Type', 'cell processor');
    await page.getByLabel(label('Serial number')).fill('SPX2-004417');
    await page.getByLabel('Location').fill('Processing lab, bench 2');
    await page.getByRole('button', { name: 'Register equipment' }).click();
    const row = page.getByRole('row', { name: /Sepax 2 cell processor/ });
    await row.waitFor();
    // a duplicate serial number is the API's problem, shown
    await page.getByLabel(label('Name')).fill('Another Sepax');
    await choose(page, page, 'Type', 'cell processor');
    await page.getByLabel(label('Serial number')).fill('SPX2-004417');
    await page.getByRole('button', { name: 'Register equipment' }).click();
    await page.getByRole('alert').waitFor();
    await row.getByRole('button', { name: 'Record service: Sepax 2 cell processor' }).click();
    await page.getByLabel(label('Performed by')).fill('Biosafe field engineer');
    await page.getByRole('button', { name: 'Record service', exact: true }).click();
    await page.getByRole('heading', { name: /Calibration or maintenance of/ }).waitFor({ state: 'detached' });
    // the calibration's next due date (a year on, the form's default) is the equipment's calibration due date now
    const nextDue = new Date(Date.now() + 365 * 86400_000).toISOString().slice(0, 10);
    await row.getByRole('cell').nth(4).filter({ hasText: new RegExp(`^${nextDue}$`) }).waitFor();
    await checkScreen(page, 'equipment');
    await page.close();

    // a lot still awaiting QC may not be used, unless QA records an exception
    const pendingLot = `DMSO-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    const day = (d: number) => new Date(Date.now() + d * 86400_000).toISOString().slice(0, 10);
    expect((await api('post', '/supplies/lots', 'lab_technician', { type: 'cryoprotectant', manufacturer: 'WAK-Chemie', lotNumber: pendingLot, expiresOn: day(300), receivedOn: day(0) })).status).toBe(201);
    const qa = await signIn('quality_assurance');
    await goTo(qa, 'Equipment');
    await qa.getByRole('row', { name: /Sepax 2 cell processor/ }).waitFor();
    expect(await qa.getByRole('button', { name: /Register equipment|Record service/ }).count()).toBe(0);
    await qa.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Supplies' }).click();
    await qa.getByRole('link', { name: 'QA exceptions' }).click();
    await qa.getByRole('heading', { name: 'QA exceptions', level: 2 }).waitFor();
    await choose(qa, qa, 'Lot or equipment', new RegExp(`^${pendingLot} \\(pending`));
    await qa.getByLabel(label('Reason')).fill('Only DMSO lot on site; CoA received, QC testing under way (QA-2026-14)');
    await qa.getByRole('button', { name: 'Record exception' }).click();
    await qa.getByRole('table', { name: 'QA exceptions' }).getByText(`lot ${pendingLot}`).waitFor();
    await checkScreen(qa, 'supply-exceptions');
    await qa.close();
  });

  it('21 CFR 1271.260(d): a freezer excursion raises an alarm; QA acknowledges it with a note; an auditor sees it without the act; the administrator sees the notification settings', async () => {
    const freezer = await createFreezer(t);
    await api('post', `/storage/freezers/${freezer.id}/temperatures`, 'lab_technician', { temperatureC: -120 }).then((r) => expect(r.status).toBe(201));
    const auditor = await signIn('auditor');
    await goTo(auditor, 'Alarms');
    const card = (p: Page) => p.locator('.mantine-Card-root').filter({ hasText: 'Temperature excursion' }).first();
    await card(auditor).waitFor();
    expect(await auditor.getByRole('button', { name: 'Acknowledge', exact: true }).count()).toBe(0);
    await auditor.close();

    const page = await signIn('quality_assurance');
    await goTo(page, 'Alarms');
    await card(page).getByLabel(/^Acknowledgement note/).fill('Dewar topped up with LN2; probe checked');
    await card(page).getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await page.getByText('No open alarm.').or(page.getByText(/acknowledged .* Dewar topped up/)).first().waitFor();
    await page.getByRole('button', { name: 'acknowledged', exact: true }).click();
    await page.getByText(/acknowledged .* by .*: Dewar topped up with LN2; probe checked/).first().waitFor();
    await checkScreen(page, 'alarms');
    const { rows } = await t.owner.query(`SELECT state, acknowledgement_note FROM alarms WHERE freezer_id = $1`, [freezer.id]);
    expect(rows[0]).toMatchObject({ state: 'acknowledged', acknowledgement_note: 'Dewar topped up with LN2; probe checked' });
    await page.close();

    const admin = await signIn('admin');
    await goTo(admin, 'Alarms');
    await admin.getByRole('table', { name: 'Notification subscriptions' }).waitFor();
    await admin.getByLabel('Webhook URL').fill('not a url');
    await admin.getByRole('button', { name: 'Register webhook' }).click();
    await admin.getByRole('alert').waitFor();
    await checkScreen(admin, 'alarm-settings');
    // the administrator is not QA: no acknowledgement
    expect(await admin.getByRole('button', { name: 'Acknowledge', exact: true }).count()).toBe(0);
    await admin.close();
  });

  it('21 CFR 1271.200(a), (c) and 1271.290: QA takes equipment out of service with a reason, opens its look-back (the unit that used it goes on hold), and returns it to service only with a calibration performed since; a lab technician is offered neither act; the dashboard counts open alarms', async () => {
    const day = (n = 0) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
    const serial = `ROT-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    const created = await api('post', '/equipment', 'lab_technician', { type: 'centrifuge', name: 'Rotanta 460 centrifuge', serialNumber: serial, location: 'Processing lab, bench 1', calibrationDueOn: day(180), maintenanceDueOn: day(365) });
    expect(created.status).toBe(201);
    const equipmentId = created.body.id as string;
    const cal = await api('post', `/equipment/${equipmentId}/services`, 'lab_technician', { kind: 'calibration', performedOn: day(-3), performedBy: 'Hettich field service', nextDueOn: day(362) });
    // the fixture's collection took place about a day ago, after that calibration: it used the centrifuge inside the window
    expect(cal.status).toBe(201);
    const din = await availableUnit([], [serial]);
    // an alarm to count: a freezer reading above its limit opens an excursion alarm
    const freezer = await createFreezer(t);
    await api('post', `/storage/freezers/${freezer.id}/temperatures`, 'lab_technician', { temperatureC: -120 }).then((r) => expect(r.status).toBe(201));

    const page = await signIn('quality_assurance');
    // the dashboard's open (not yet acknowledged) alarms are the database's
    const alarmsCard = page.locator('.mantine-Card-root').filter({ hasText: 'Open alarms' });
    await alarmsCard.getByText(/^\d+\+?$/).waitFor();
    const shown = Number((await alarmsCard.getByText(/^\d+\+?$/).textContent())!.replace('+', ''));
    const { rows: open } = await t.owner.query(`SELECT count(*)::int AS n FROM alarms WHERE state IN ('open', 'escalated')`);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBe(open[0].n);
    await alarmsCard.getByRole('link', { name: 'Alarms' }).click();
    await page.getByRole('heading', { name: 'Alarms', level: 2 }).waitFor();

    await goTo(page, 'Equipment');
    await page.getByRole('link', { name: 'Rotanta 460 centrifuge' }).first().click();
    await page.getByRole('heading', { name: 'Rotanta 460 centrifuge', level: 2 }).waitFor();
    await page.getByText('in service', { exact: true }).waitFor();
    const usedCard = page.locator('.mantine-Card-root').filter({ hasText: 'Units that used it since' });
    await usedCard.getByText('1', { exact: true }).waitFor();
    await page.getByLabel(label('Why it is taken out of service')).fill('Calibration check failed: speed 4 % below setpoint at 3,000 rpm');
    await page.getByRole('button', { name: 'Take out of service' }).click();
    await page.getByText(/^Out of service since .* by /).waitFor();
    expect((await t.owner.query(`SELECT in_service FROM equipment WHERE id = $1`, [equipmentId])).rows[0].in_service).toBe(false);
    await page.getByRole('table', { name: 'Out-of-service history' }).getByText('taken out of service').waitFor();
    await checkScreen(page, 'equipment-detail');
    const detailUrl = page.url();

    // the list's state filter finds it among the equipment out of service
    await goTo(page, 'Equipment');
    await choose(page, page, 'State', /^out of service$/);
    await page.getByRole('row', { name: new RegExp(serial) }).getByText('no (out of service)').waitFor();
    await checkScreen(page, 'equipment-out-of-service');

    // its look-back: the units that used it since its last calibration, found and held in one act
    await page.goto(detailUrl);
    await page.getByRole('link', { name: 'Open an equipment look-back' }).click();
    await page.getByRole('heading', { name: 'Look-backs', level: 2 }).waitFor();
    await page.getByLabel(label('Reason'), { exact: false }).fill('Centrifuge speed below setpoint: units processed since its last calibration');
    await page.getByRole('button', { name: 'Open look-back' }).click();
    await page.waitForURL(/\/lookbacks\/[0-9a-f-]{36}$/);
    await page.getByText(`From equipment Rotanta 460 centrifuge (${serial})`, { exact: false }).waitFor();
    await page.getByText(/\(last calibration\) to .* \(taken out of service\)/).waitFor();
    await page.getByRole('table', { name: 'Look-back units' }).getByRole('row', { name: new RegExp(din) }).getByText('held', { exact: true }).waitFor();
    expect(await unitStatus(din)).toBe('on_hold');

    // a lab technician reads the detail but is offered no QA act
    const lab = await signIn('lab_technician');
    await lab.goto(detailUrl);
    await lab.getByText(/^Out of service since/).waitFor();
    expect(await lab.getByRole('button', { name: /Take out of service|Return to service/ }).count()).toBe(0);
    expect(await lab.getByRole('link', { name: 'Open an equipment look-back' }).count()).toBe(0);
    await lab.close();

    // back in service only with a calibration performed since it was taken out: yesterday's is the API's field error
    await page.goto(detailUrl);
    await page.getByRole('heading', { name: 'Return to service', level: 3 }).waitFor();
    const performedOn = page.getByLabel(label('Calibration performed on'));
    await performedOn.fill(day(-1));
    await page.getByLabel(label('Calibration performed by')).fill('Hettich field service (R. Lange)');
    await page.getByLabel(label('Calibration certificate')).fill('CAL-2026-1201');
    await page.getByLabel(label('Why it returns to service')).fill('Drive belt replaced and recalibrated; verification run within specification');
    await page.getByRole('button', { name: 'Return to service' }).click();
    await page.getByText(/is before .* was taken out of service/).first().waitFor();
    expect(await performedOn.getAttribute('aria-invalid')).toBe('true');
    expect((await t.owner.query(`SELECT in_service FROM equipment WHERE id = $1`, [equipmentId])).rows[0].in_service).toBe(false);
    await performedOn.fill(day());
    await page.getByRole('button', { name: 'Return to service' }).click();
    await page.getByText('in service', { exact: true }).waitFor();
    await page.getByRole('table', { name: 'Out-of-service history' }).getByText('returned to service').waitFor();
    await page.getByRole('table', { name: 'Calibrations and maintenance' }).getByText('CAL-2026-1201').waitFor();
    const { rows } = await t.owner.query(`SELECT in_service, to_char(calibration_due_on, 'YYYY-MM-DD') AS due FROM equipment WHERE id = $1`, [equipmentId]);
    expect(rows[0]).toEqual({ in_service: true, due: day(365) });
    expect(await page.getByRole('button', { name: 'Take out of service' }).count()).toBe(1);
    await checkScreen(page, 'equipment-returned');
    await page.close();
  });

  it('WCAG 2.1 AA: no serious or critical axe-core violation on any quality screen visited', () => {
    expect(axeFindings).toEqual([]);
  });

  it('no screen visited threw an uncaught error in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
