/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { FIRST_LOAD_BUDGET_BYTES, firstLoad } from '../../bench/lib/console-size';
import { auth, collect, createDonor, createFreezer, makeEligible, processUnit, store, storedSince } from '../setup/fixtures';
import { PASSWORD, TestApp, startTestApp } from '../setup/test-app';
import { axeViolations, launch, newPage, scan, screenshot, type ConsoleBrowser } from './browser';

/**
 * The staff console (DESIGN.md section 11, issue 18) in a real Chromium against the real service on
 * its embedded PostgreSQL: the life of a unit through the screens, each role in turn, driven by
 * labels and roles as a user reads them. Every screen visited is checked with axe-core.
 */
let t: TestApp;
let b: ConsoleBrowser;
const axeFindings: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  b = await launch();
  // the accounts exist and have set their own password (the administrator's is one-time)
  for (const role of ['coordinator', 'lab_technician', 'quality_assurance', 'medical_director', 'auditor'] as const) await t.token(role);
}, 60_000);
afterAll(async () => {
  await b?.close();
  await t?.close();
});

/** A field's label as read (a required field's label ends in an asterisk). */
const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

/** What a screen reader reads after a field's name: its description and its error (aria-describedby). */
async function describedBy(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? document.getElementById(id)?.textContent ?? '' : ''))
      .join(' '),
  );
}

async function signIn(role: string): Promise<Page> {
  const { page } = await newPage(b, t.baseUrl);
  await page.goto('/');
  await page.getByLabel(label('E-mail')).fill(`${role}@bank.test`);
  await page.getByLabel(label('Password')).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
  return page;
}

async function checkScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  for (const v of await axeViolations(page)) axeFindings.push(`${name}: ${v}`);
  await screenshot(page, name);
}

async function goTo(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen }).click();
}

describe('the staff console', () => {
  let din = '';

  it('serves the console at / while the API and the manual keep their paths', async () => {
    const root = await t.http().get('/').expect(200);
    expect(root.headers['content-type']).toMatch(/text\/html/);
    expect(root.text).toContain('<div id="root">');
    // a client-side route gets the same page (SPA fallback); an unknown API path keeps its problem+json 404
    expect((await t.http().get('/units/W123426000001').expect(200)).text).toContain('<div id="root">');
    const api404 = await t.http().get('/api/v1/no-such-route').expect(404);
    expect(api404.headers['content-type']).toMatch(/application\/problem\+json/);
    await t.http().get('/docs-json').expect(200);
  });

  it('keyboard only: sign in and reach a screen without the mouse', async () => {
    const { page, context } = await newPage(b, t.baseUrl);
    await page.goto('/');
    await page.getByLabel(label('E-mail')).waitFor();
    // the e-mail field has the focus on arrival; Tab to the password, Enter submits
    await page.keyboard.type('auditor@bank.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    // Tab reaches the navigation's links; Enter follows one
    const donors = page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Donors' });
    for (let i = 0; i < 15 && !(await donors.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Donors' }).waitFor();
    await context.close();
  });

  it('a one-time password must be changed first; a wrong password shows the API problem', async () => {
    const admin = await t.token('admin');
    await t.http().post('/api/v1/users').set('authorization', `Bearer ${admin}`).send({ email: 'newcomer@bank.test', name: 'New Comer', password: 'one-time-password-123', roles: ['auditor'] }).expect(201);
    const { page, context } = await newPage(b, t.baseUrl);
    await page.goto('/');
    await checkScreen(page, 'login');
    await page.getByLabel(label('E-mail')).fill('newcomer@bank.test');
    await page.getByLabel(label('Password')).fill('wrong-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Invalid email or password');
    await page.getByLabel(label('Password')).fill('one-time-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Change password' }).waitFor();
    await checkScreen(page, 'change-password');
    await page.getByLabel(label('Current password')).fill('one-time-password-123');
    await page.getByLabel(label('New password')).fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    // the API's problem above the form, and its field error on the field it names
    await page.getByRole('alert').waitFor();
    await expect(describedBy(page.getByLabel(label('New password')))).resolves.toMatch(/longer than or equal to 12 characters/);
    await page.getByLabel(label('New password')).fill('my own long passphrase 42');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await context.close();
  });

  it('the life of a unit, by each role in turn: donor to outcome', async () => {
    // coordinator: the donor, consent and screening
    let page = await signIn('coordinator');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await goTo(page, 'Donors');
    await page.getByLabel('First name').fill('Maria');
    await page.getByLabel('Last name').fill('Lopes');
    await page.getByLabel('Date of birth').fill('1991-03-04');
    await page.getByLabel(label('E-mail')).fill('maria@example.org');
    await page.getByRole('button', { name: 'Register donor' }).click();
    await page.waitForURL(/\/donors\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /Donor .* Maria Lopes/ }).waitFor();
    const donorUrl = page.url();
    await page.getByRole('button', { name: 'Record consent' }).click();
    await page.getByText(/public donation \(form v1\)/).waitFor();
    await page.getByRole('button', { name: 'Record screening' }).click();
    await page.getByText(/MBHQ-1, .*no deferral/).waitFor();
    // the coordinator does not enter laboratory results
    expect(await page.getByRole('button', { name: 'Record IDM result' }).count()).toBe(0);
    await page.close();

    // lab technician: the infectious disease markers
    page = await signIn('lab_technician');
    await page.goto(donorUrl);
    await page.getByRole('heading', { name: /Donor/ }).waitFor();
    // personal data only for the roles that may read it (DESIGN.md 6): the donor number here
    expect(await page.getByText('Maria').count()).toBe(0);
    // the test record of 21 CFR 1271.80(c): kit, method, CLIA laboratory, entered once for the panel
    await page.getByLabel('Test kit').fill('Procleix Ultrio Elite (FDA-licensed)');
    await page.getByLabel('Laboratory').fill('Regional IDM laboratory');
    await page.getByLabel('CLIA number').fill('05D1234567');
    for (const marker of ['HIV-1', 'HIV-2', 'HBsAg', 'anti-HBc', 'HCV', 'HTLV-I/II', 'syphilis', 'WNV', 'T. cruzi', 'CMV']) {
      await page.getByLabel('Marker').selectOption(marker);
      await page.getByRole('button', { name: 'Record IDM result' }).click();
      await page.getByRole('cell', { name: marker, exact: true }).waitFor();
    }
    await checkScreen(page, 'donor-file');
    await page.close();

    // coordinator: the collection creates the unit
    page = await signIn('coordinator');
    await page.goto(donorUrl);
    await page.getByRole('heading', { name: /Eligibility/ }).waitFor();
    await page.getByLabel('Hospital').fill('St Mary');
    await page.getByLabel('Collected by').fill('J. Rivera');
    await page.getByRole('button', { name: 'Record collection' }).click();
    const created = page.getByRole('status').filter({ hasText: 'Collection recorded' });
    await created.waitFor();
    din = (await created.locator('[data-din]').getAttribute('data-din')) ?? '';
    expect(din).toMatch(/^W1234\d{8}$/);
    await page.close();

    // lab technician: receipt by scan, results, storage by scan
    page = await signIn('lab_technician');
    await goTo(page, 'Bench receipt');
    await page.getByLabel('Scan the unit').focus();
    await scan(page, din);
    await page.getByRole('button', { name: 'Record receipt' }).click();
    await page.getByRole('status').filter({ hasText: 'Receipt recorded' }).waitFor();
    await checkScreen(page, 'bench-receipt');
    // a scan anywhere opens the unit
    await page.getByRole('heading', { name: 'Bench receipt' }).click();
    await scan(page, din);
    await page.getByRole('heading', { name: /^Unit / }).waitFor();
    expect(page.url()).toContain(`/units/${din}`);
    // the lab technician makes no QA status act (asked once the page's forms are there: they mount a
    // frame after the unit's identity, so an earlier count of absent buttons could not fail)
    await page.getByRole('button', { name: 'Record processing' }).waitFor();
    expect(await page.getByRole('button', { name: 'Release' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Record processing' }).click();
    await page.getByRole('cell', { name: /25 mL/ }).waitFor();
    await page.getByRole('tab', { name: 'HLA' }).click();
    await page.getByLabel('HLA-A').fill('02:01 24:02');
    await page.getByLabel('HLA-B').fill('07:02 44:02');
    await page.getByLabel('HLA-DRB1').fill('15:01 04:01');
    await page.getByRole('button', { name: 'Record HLA typing' }).click();
    await page.getByRole('cell', { name: /A\*02:01\/24:02/ }).waitFor();
    await page.getByRole('tab', { name: 'ABO/Rh' }).click();
    await page.getByRole('button', { name: 'Record ABO/Rh' }).click();
    await page.getByRole('cell', { name: 'O positive' }).waitFor();
    await page.getByRole('tab', { name: 'Sterility' }).click();
    await page.getByRole('button', { name: 'Record sterility' }).click();
    await page.getByRole('cell', { name: 'aerobic negative, anaerobic negative' }).waitFor();
    await checkScreen(page, 'unit-results');
    await goTo(page, 'Storage');
    await page.getByLabel('Name').fill('Dewar A');
    await page.getByRole('button', { name: 'Add freezer' }).click();
    await page.getByRole('link', { name: 'Dewar A' }).click();
    await page.getByRole('link', { name: /Box .*: 0 used/ }).first().click();
    await page.getByRole('table', { name: /grid/ }).waitFor();
    const positionLabel = (await page.getByRole('button', { name: / free$/ }).first().getAttribute('data-position')) ?? '';
    await page.getByLabel('Put away: scan the unit').focus();
    await scan(page, din);
    await page.getByLabel(`Unit ${din}: scan the position`).focus();
    await scan(page, positionLabel);
    await page.getByRole('status').filter({ hasText: `stored at ${positionLabel}` }).waitFor();
    await page.getByRole('button', { name: new RegExp(`^${positionLabel} DIN ${din}`) }).waitFor();
    await checkScreen(page, 'storage-box');
    await page.close();

    // medical director: the eligibility determination, e-signed (21 CFR 1271.50(a))
    page = await signIn('medical_director');
    await page.goto(`/units/${din}`);
    await page.getByRole('button', { name: 'Determine eligibility' }).click();
    const determination = page.getByRole('dialog', { name: /Sign: eligibility determination/ });
    await determination.getByLabel(label('Password')).fill(PASSWORD);
    await determination.getByRole('button', { name: 'Sign' }).click();
    await determination.waitFor({ state: 'hidden' });
    await page.close();

    // QA: the queue, the check list and the release with e-signature
    page = await signIn('quality_assurance');
    await goTo(page, 'QA queue');
    await page.getByRole('link', { name: new RegExp(`DIN ${din}`) }).waitFor();
    await checkScreen(page, 'qa-queue');
    await page.getByRole('link', { name: new RegExp(`DIN ${din}`) }).click();
    await page.getByText('Every release criterion is met.').waitFor();
    await page.getByRole('button', { name: 'Release', exact: true }).click();
    await page.getByLabel('Reason').fill('release criteria reviewed');
    await page.getByRole('button', { name: 'Continue to signature' }).click();
    const dialog = page.getByRole('dialog', { name: /Sign: Release/ });
    await dialog.getByLabel(label('Password')).fill('not-my-password');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await dialog.getByRole('alert').waitFor(); // the API's refusal, shown in the dialog
    await checkScreen(page, 'e-signature');
    await dialog.getByLabel(label('Password')).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await page.getByText('available', { exact: true }).first().waitFor();
    await page.close();

    // coordinator: the request, HLA search and reservation
    page = await signIn('coordinator');
    await goTo(page, 'Release requests');
    await page.getByLabel('Requesting facility').fill('City Transplant Centre');
    await page.getByLabel('Physician').fill('Dr. Osei');
    await page.getByLabel('Patient identifier').fill('PAT-0042');
    await page.getByLabel('Diagnosis').fill('AML');
    await page.getByLabel('Patient HLA-A').fill('02:01 24:02');
    await page.getByLabel('Patient HLA-B').fill('07:02 44:02');
    await page.getByLabel('Patient HLA-DRB1').fill('15:01 04:01');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.waitForURL(/\/release\/[0-9a-f-]{36}$/);
    const requestUrl = page.url();
    await page.getByRole('button', { name: 'Search matching units' }).click();
    await page.getByRole('button', { name: `Reserve ${din}` }).click();
    await page.getByText('reserved', { exact: true }).first().waitFor();
    await checkScreen(page, 'release-request');
    // approval is the medical director's
    expect(await page.getByRole('button', { name: 'Approve release' }).count()).toBe(0);
    await page.close();

    // medical director: approval with e-signature
    page = await signIn('medical_director');
    await page.goto(requestUrl);
    await page.getByRole('heading', { name: /^Release request RR/ }).waitFor();
    await page.getByRole('button', { name: 'Approve release' }).click();
    const approve = page.getByRole('dialog', { name: /Approve release/ });
    await approve.getByLabel(label('Password')).fill(PASSWORD);
    await approve.getByRole('button', { name: 'Sign' }).click();
    await page.getByText(/Approved by Test medical_director/).waitFor();
    await page.close();

    // lab technician: shipping
    page = await signIn('lab_technician');
    await page.goto(requestUrl);
    await page.getByLabel('Courier').fill('MedCourier');
    await page.getByLabel('Dry shipper id').fill('DS-7');
    await page.getByLabel('Temperature logger id').fill('TL-9');
    await page.getByRole('button', { name: 'Ship' }).click();
    await page.getByText('shipped', { exact: true }).first().waitFor();
    await page.close();

    // coordinator: delivery and outcome
    page = await signIn('coordinator');
    await page.goto(requestUrl);
    await page.getByLabel('Received by').fill('Nurse Adams');
    await page.getByRole('button', { name: 'Record delivery' }).click();
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await page.getByRole('alert').filter({ hasText: 'Infused at' }).or(page.getByText(/^Infused at/)).first().waitFor();
    await page.getByText('completed', { exact: true }).first().waitFor();
    await page.close();

    const unit = await t.http().get(`/api/v1/units/${din}`).set('authorization', `Bearer ${await t.token('auditor')}`).expect(200);
    expect(unit.body.status).toBe('infused');
  }, 240_000);

  it('21 CFR Part 11.10(e): an auditor reads the unit\'s audit trail and verifies its hash chain on screen, and sees no act', async () => {
    const page = await signIn('auditor');
    await goTo(page, 'QA queue').catch(() => undefined);
    expect(await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Bench receipt' }).count()).toBe(0);
    await page.goto(`/units/${din}`);
    await page.getByRole('heading', { name: /^Unit / }).waitFor();
    // the forms mount a frame after the unit's identity: count absent acts once the page is whole
    await page.getByRole('button', { name: 'Show audit trail' }).waitFor();
    expect(await page.getByRole('group', { name: 'Status actions' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record processing' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show audit trail' }).click();
    const trail = page.getByRole('table', { name: 'Audit trail' });
    await trail.getByRole('row').nth(5).waitFor();
    // the QA release and the approval carry their e-signatures: the signer and the meaning (Part 11.50)
    await trail.getByRole('cell', { name: /Test quality_assurance: release/ }).waitFor();
    await page.getByRole('button', { name: 'Verify the audit trail' }).click();
    const verified = page.getByRole('status').filter({ hasText: 'Audit trail verified' });
    await verified.waitFor();
    expect(await verified.textContent()).toMatch(/All \d+ entries match/);
    await checkScreen(page, 'unit-audit');
    await goTo(page, 'Dashboard');
    await page.getByRole('table', { name: 'Inventory by status' }).waitFor();
    await checkScreen(page, 'dashboard');
    await goTo(page, 'Lab events');
    await page.getByRole('table', { name: 'Lab events' }).waitFor();
    expect(await page.getByRole('button', { name: 'Dismiss', exact: true }).count()).toBe(0);
    await checkScreen(page, 'lab-events');
    await page.close();
  });

  it('FACT-NetCord / Part 11.200: QA reviews a unit\'s temperature excursion on the excursions screen, e-signed', async () => {
    // set up through the API: a stored unit, then its freezer above its limit and back
    const donor = await createDonor(t, 'public');
    await makeEligible(t, donor.id, 'public');
    const { unit } = await collect(t, donor.id);
    await processUnit(t, unit.din);
    const freezer = await createFreezer(t);
    await store(t, unit.din, freezer.id);
    await storedSince(t, [unit.din], 60);
    const lab = await auth(t, 'lab_technician');
    const at = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
    await t.http().post(`/api/v1/storage/freezers/${freezer.id}/temperatures`).set(lab).send({ temperatureC: -120, readAt: at(30) }).expect(201);
    await t.http().post(`/api/v1/storage/freezers/${freezer.id}/temperatures`).set(lab).send({ temperatureC: -190, readAt: at(5) }).expect(201);

    const page = await signIn('quality_assurance');
    await goTo(page, 'Excursions');
    await page.getByRole('button', { name: 'closed', exact: true }).click();
    await page.getByRole('button', { name: `Review ${unit.din}` }).click();
    await page.getByLabel('Reason').fill('Peak -120 °C for 25 minutes; within validated limits');
    await page.getByLabel('Corrective action').fill('Dewar lid seal replaced; monitor probe checked');
    await page.getByRole('button', { name: 'Continue to signature' }).click();
    const dialog = page.getByRole('dialog', { name: /excursion review/ });
    await dialog.getByLabel(label('Password')).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await page.getByText(/reviewed: acceptable/).waitFor();
    await checkScreen(page, 'excursions');
    await page.close();
  });

  it('first load is at most 300 KB of JavaScript gzipped (issue 18 quality bar)', () => {
    const { gzipped, files } = firstLoad();
    expect(files.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });

  it('WCAG 2.1 AA: no serious or critical axe-core violation on any screen visited', () => {
    expect(axeFindings).toEqual([]);
  });
});
