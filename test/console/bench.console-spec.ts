/// <reference lib="dom" />
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { encodeBloodGroups, encodeCompound, encodeDin } from '../../src/isbt128/structures';
import { HLA, auth, availableUnit, collect, createDonor, createFreezer, makeEligible } from '../setup/fixtures';
import { ADMIN, PASSWORD, TestApp, startTestApp } from '../setup/test-app';
import { axeViolations, launch, newPage, scan, screenshot, type ConsoleBrowser } from './browser';

/**
 * The console's bench, release, clinical and admin screens (issue 18, second part) in a real
 * Chromium against the real service: the compound-message scan, QA's receipt acceptance, labels,
 * moves and custody handovers, clinical use and follow-up, account and integration administration.
 * Each by the roles that use it; a role the API refuses does not see the act; axe on every screen.
 */
let t: TestApp;
let b: ConsoleBrowser;
const axeFindings: string[] = [];
const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

beforeAll(async () => {
  t = await startTestApp();
  b = await launch();
  for (const role of ['coordinator', 'lab_technician', 'quality_assurance', 'medical_director', 'auditor'] as const) await t.token(role);
}, 60_000);
afterAll(async () => {
  await b?.close();
  await t?.close();
});

/** Pages a test left open (it failed before closing them): what they showed is printed. */
const open = new Set<Page>();
afterEach(async () => {
  for (const page of open) {
    if (!page.isClosed()) {
      const shown = await page.evaluate(() => ({ url: location.pathname, alerts: [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent) })).catch(() => null);
      process.stderr.write(`left open: ${JSON.stringify(shown)}\n`);
      await page.close();
    }
  }
  open.clear();
});

async function signIn(role: string, email = role === 'admin' ? ADMIN.email : `${role}@bank.test`, password = role === 'admin' ? ADMIN.password : PASSWORD): Promise<Page> {
  const { page } = await newPage(b, t.baseUrl);
  open.add(page);
  await page.goto('/');
  await page.getByLabel(label('E-mail')).fill(email);
  await page.getByLabel(label('Password')).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

async function signedIn(role: string): Promise<Page> {
  const page = await signIn(role);
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
  return page;
}

async function checkScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  for (const v of await axeViolations(page)) axeFindings.push(`${name}: ${v}`);
  await screenshot(page, name);
}

/** The unit page with its forms (they render a frame after the unit's identity and results). */
async function openUnit(page: Page, din: string): Promise<void> {
  await page.goto(`/units/${din}`);
  await page.getByRole('button', { name: 'Show audit trail' }).waitFor();
}

async function choose(page: Page, field: string | RegExp, option: string | RegExp): Promise<void> {
  await page.getByLabel(field).first().click();
  await page.getByRole('option', { name: option }).click();
}

const get = async (path: string, role: Parameters<TestApp['token']>[0] = 'auditor') => t.http().get(`/api/v1${path}`).set(await auth(t, role));

describe('the console: bench, release, clinical and admin screens', () => {
  it('ISBT 128: a compound message scanned anywhere opens its unit; an unreadable scan shows the API problem', async () => {
    const { din } = await availableUnit(t);
    const unit = (await get(`/units/${din}`)).body as { abo: 'O'; rh: 'positive'; dinCheck: string };
    const page = await signedIn('lab_technician');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await scan(page, encodeCompound([encodeDin(din), encodeBloodGroups(unit.abo, unit.rh)]));
    await page.waitForURL(new RegExp(`/units/${din}$`));
    await page.locator(`main h2 [data-din="${din}"]`).waitFor();
    // the next scan once the page is complete (a person scans the next label once the screen shows the unit)
    await page.getByRole('button', { name: 'Show audit trail' }).waitFor();
    await page.waitForLoadState('networkidle');
    // the DIN typed with its check character (14 characters) opens the same unit
    await page.getByRole('heading', { name: /^Unit / }).click();
    await scan(page, `${din}${unit.dinCheck}`);
    await page.waitForURL(new RegExp(`/units/${din}${unit.dinCheck.replace(/[*]/g, '\\*')}$`));
    await page.getByRole('button', { name: 'Show audit trail' }).waitFor();
    await page.waitForLoadState('networkidle');
    // a compound message whose DIN is not this bank's: read, but no unit: said so, not dropped
    await scan(page, encodeCompound([encodeDin('W123499999999'), encodeBloodGroups('O', 'positive')]));
    await expect(page.getByRole('alert').filter({ hasText: /Scan not opened/ }).textContent()).resolves.toMatch(/W123499999999.*not a unit of this bank/);
    // an ISBT 128 structure that can not be read: the API's UNREADABLE_SCAN detail and field error
    await page.getByRole('button', { name: 'Dismiss the scan message' }).click();
    await scan(page, '=+03000=W12342');
    const unreadable = page.getByRole('alert').filter({ hasText: /Scan not opened/ });
    await expect(unreadable.textContent()).resolves.toMatch(/could not be read/);
    expect(page.url()).toContain(`/units/${din}`);
    await page.close();
  });

  it('a scan right after a scan (the next label, at a scanner\'s pace) opens the second unit: the first one\'s route change does not drop it', async () => {
    const first = (await availableUnit(t)).din;
    const second = (await availableUnit(t)).din;
    const unit = (await get(`/units/${second}`)).body as { abo: 'O'; rh: 'positive' };
    const page = await signedIn('lab_technician');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    // no wait in between: the second burst's keys arrive while the console routes to the first unit
    await scan(page, first);
    await scan(page, encodeCompound([encodeDin(second), encodeBloodGroups(unit.abo, unit.rh)]));
    await page.waitForURL(new RegExp(`/units/${second}$`));
    await page.locator(`main h2 [data-din="${second}"]`).waitFor();
    await page.close();
  });

  it('21 CFR 1271.265(a): a flagged receipt waits for QA, who accepts it from the queue with an evaluation; the lab does not decide', async () => {
    const donor = await createDonor(t);
    await makeEligible(t, donor.id, 'public');
    const { unit } = await collect(t, donor.id);
    let page = await signedIn('lab_technician');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Bench receipt' }).click();
    await page.getByLabel('Scan the unit').focus();
    await scan(page, unit.din);
    await page.getByLabel('Temperature on arrival within limits').uncheck();
    await page.getByRole('button', { name: 'Record receipt' }).click();
    await page.getByRole('status').filter({ hasText: 'Received, acceptance pending' }).waitFor();
    const pending = page.getByRole('region', { name: 'Receipt acceptance pending' });
    await pending.getByText('Quality assurance decides').waitFor();
    expect(await page.getByRole('button', { name: 'Accept the unit' }).count()).toBe(0);
    await checkScreen(page, 'receipt-acceptance-pending');
    await page.close();

    page = await signedIn('quality_assurance');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'QA queue' }).click();
    await page.getByRole('button', { name: 'Receipt acceptance' }).click();
    const row = page.getByRole('row').filter({ has: page.locator(`[data-din="${unit.din}"]`) });
    await row.getByText(/pending/).waitFor();
    await checkScreen(page, 'qa-queue-acceptance');
    await row.getByRole('link').click();
    // no evaluation: the API's field error on the field
    await page.getByRole('button', { name: 'Accept the unit' }).click();
    // the answer first (getAttribute reads at once, it does not wait for the field error to render);
    // by its text: the page's flag notice is an alert too, there before the answer
    await page.getByRole('alert').filter({ hasText: /must not be blank/ }).waitFor();
    await expect(page.getByLabel(label('Evaluation against the acceptance criteria')).getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel(label('Evaluation against the acceptance criteria')).fill('Transport box logger shows 2–8 °C throughout; probe fault, SOP-REC-004');
    await page.getByRole('button', { name: 'Accept the unit' }).click();
    await page.getByLabel('Receipt acceptance').filter({ hasText: /Receipt accepted by Test quality_assurance/ }).waitFor();
    await checkScreen(page, 'unit-acceptance-decided');
    await page.close();
    const after = (await get(`/units/${unit.din}`)).body as { acceptance: { status: string; reason: string } };
    expect(after.acceptance).toMatchObject({ status: 'accepted', reason: expect.stringContaining('SOP-REC-004') });
  });

  it('labels (DESIGN.md 8): the lab prints a stage as PDF and as ZPL, a reprint carries its reason, the history is read from the audit; an auditor only reads', async () => {
    const { din } = await availableUnit(t);
    let page = await signedIn('lab_technician');
    await openUnit(page, din);
    const labels = page.getByRole('region', { name: 'Labels' });
    // the record lacks a product code: the processing label is refused, and the API says why
    await labels.getByRole('button', { name: 'Print label' }).click();
    await expect(labels.getByRole('alert').textContent()).resolves.toMatch(/can not be printed yet: productCode/);
    await choose(page, 'Stage', /^Collection/);
    await labels.getByRole('button', { name: 'Print label' }).click();
    const printed = labels.getByRole('status');
    await expect(printed.textContent()).resolves.toMatch(/collection label printed \(print no\. 1, PDF\)/);
    const pdfHref = await printed.getByRole('link', { name: 'open the PDF in a new tab' }).getAttribute('href');
    expect(pdfHref).toMatch(/^blob:/);
    const pdfHead = await page.evaluate(async (href) => new TextDecoder().decode((await (await fetch(href!)).arrayBuffer()).slice(0, 5)), pdfHref);
    expect(pdfHead).toBe('%PDF-');
    await labels.getByRole('row').filter({ hasText: 'first print' }).waitFor();
    // a second print of the stage is a reprint: the reason is asked for, and recorded
    await labels.getByText('ZPL (thermal printer)').click();
    await labels.getByLabel(label('Reason for the reprint')).fill('label smudged by condensation at the bench');
    await labels.getByRole('button', { name: 'Reprint label' }).click();
    await expect(labels.getByLabel('ZPL label').textContent()).resolves.toMatch(/^\^XA/);
    await labels.getByRole('row').filter({ hasText: 'label smudged by condensation' }).waitFor();
    await checkScreen(page, 'unit-labels');
    await page.close();
    const trail = (await get(`/units/${din}/audit`)).body as { items: { action: string; reason: string | null }[] };
    expect(trail.items.filter((e) => e.action === 'unit.label.reprinted').map((e) => e.reason)).toEqual(['label smudged by condensation at the bench']);

    page = await signedIn('auditor');
    await openUnit(page, din);
    const read = page.getByRole('region', { name: 'Labels' });
    await read.getByRole('row').filter({ hasText: 'label smudged by condensation' }).waitFor();
    expect(await read.getByRole('button', { name: /Print label|Reprint label/ }).count()).toBe(0);
    await page.close();
  });

  it('storage and custody: the lab moves a unit by scanning the new position, and records a handover; a wrong custodian is refused on screen', async () => {
    const freezer = await createFreezer(t);
    const { din } = await availableUnit(t, { freezerId: freezer.id });
    const before = (await get(`/units/${din}`)).body as { position: { label: string } };
    const box = (await get(`/storage/free-positions?freezerId=${freezer.id}&limit=1`, 'lab_technician')).body as { items?: { label: string }[] } | { label: string }[];
    const free = (Array.isArray(box) ? box : (box.items ?? []))[0]?.label;
    expect(free).toBeTruthy();
    let page = await signedIn('lab_technician');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Move units' }).click();
    await page.getByLabel('Scan the unit').focus();
    await scan(page, din);
    await page.getByText(`Now in ${before.position.label}.`).waitFor();
    await page.getByLabel('Scan the new position').focus();
    await scan(page, free!);
    await page.getByLabel(label('Reason for the move')).fill('consolidating rack 1 before maintenance');
    await checkScreen(page, 'move-unit');
    await page.getByRole('button', { name: 'Move the unit' }).click();
    await page.getByRole('status').filter({ hasText: `is now in ${free}` }).waitFor();
    expect(((await get(`/units/${din}`)).body as { position: { label: string } }).position.label).toBe(free);

    // a stored unit is retrieved before a handover (the API refuses one): not offered
    await openUnit(page, din);
    await page.getByText('A stored unit is retrieved from its position before it is handed over.').waitFor();
    expect(await page.getByRole('button', { name: 'Record a custody handover' }).count()).toBe(0);

    // a received unit goes to the QA sample room: a handover from someone who is not the custodian
    // is the API's problem on screen, nothing recorded; from the custodian it is on the chain
    const donor = await createDonor(t);
    await makeEligible(t, donor.id, 'public');
    const { unit: received } = await collect(t, donor.id);
    await t.http().post(`/api/v1/units/${received.din}/receipt`).set(await auth(t, 'lab_technician')).send({ receivedAt: new Date(Date.now() - 3600_000).toISOString(), temperatureOk: true }).expect(200);
    await openUnit(page, received.din);
    await page.getByRole('button', { name: 'Record a custody handover' }).click();
    const custodian = await page.getByLabel(label('From (current custodian)')).inputValue();
    expect(custodian).not.toBe('');
    await page.getByLabel(label('From (current custodian)')).fill('Somebody else');
    await page.getByLabel(label('To')).fill('QA sample room (M. Chen)');
    await page.getByLabel(label('Location')).fill('Building B, room 114');
    await page.getByRole('button', { name: 'Record the handover' }).click();
    await page.getByRole('alert').filter({ hasText: /custodian/i }).waitFor();
    expect(((await get(`/units/${received.din}/custody`)).body as { events: unknown[] }).events).toHaveLength(2);
    await page.getByLabel(label('From (current custodian)')).fill(custodian);
    await page.getByRole('button', { name: 'Record the handover' }).click();
    await page.getByRole('table', { name: 'Chain of custody' }).getByRole('cell', { name: 'QA sample room (M. Chen)' }).waitFor();
    await checkScreen(page, 'unit-custody-handover');
    await page.close();

    // QA reads the unit but neither moves it nor hands it over
    page = await signedIn('quality_assurance');
    await openUnit(page, din);
    expect(await page.getByRole('button', { name: 'Move to another position' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record a custody handover' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Move units' }).count()).toBe(0);
    await page.close();
  });

  it('clinical use (issue 17): the coordinator records the administration (dose computed) and a follow-up visit; an implausible value is the API field error; the export shows its progress', async () => {
    const { din } = await availableUnit(t, { hla: HLA });
    const coord = await auth(t, 'coordinator');
    const req = await t.http().post('/api/v1/release-requests').set(coord).send({
      requestingFacility: 'City Transplant Centre', physician: 'Dr. Osei', patient: { identifier: 'PAT-7781', weightKg: 20, diagnosis: 'AML', hla: { A: HLA.A, B: HLA.B, DRB1: HLA.DRB1 } },
      intendedUse: 'allogeneic_transplant', neededBy: new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10),
    }).expect(201);
    const id = req.body.id as string;
    await t.http().post(`/api/v1/release-requests/${id}/reserve`).set(coord).send({ din }).expect(200);
    await t.http().post(`/api/v1/release-requests/${id}/approve`).set(await auth(t, 'medical_director')).send({ signature: { email: 'medical_director@bank.test', password: PASSWORD, meaning: 'approval' } }).expect(200);
    await t.http().post(`/api/v1/release-requests/${id}/ship`).set(await auth(t, 'lab_technician')).send({ courier: 'ColdChain', dispatchedAt: new Date().toISOString(), shipperId: 'DS-1', temperatureLoggerId: 'TL-1' }).expect(200);
    await t.http().post(`/api/v1/release-requests/${id}/deliver`).set(coord).send({ receivedAt: new Date().toISOString(), receivedBy: 'N. Park', temperatureOk: true }).expect(200);

    let page = await signedIn('coordinator');
    await page.goto(`/release/${id}`);
    const clinical = page.getByRole('region', { name: 'Clinical use and follow-up' });
    await clinical.getByLabel(label('Patient age (months)')).fill('84');
    await clinical.getByLabel(label('Post-thaw viability (%)')).fill('91');
    await clinical.getByLabel(label('Post-thaw recovery (%)')).fill('78');
    await clinical.getByRole('button', { name: 'Record the administration' }).click();
    // the dose per kg is the API's: the unit's TNC (1.5e9) / 20 kg
    await clinical.getByRole('cell', { name: /7\.50e\+7 TNC\/kg/ }).waitFor();
    await clinical.getByRole('table', { name: 'Follow-up schedule' }).getByRole('row').filter({ hasText: /^0/ }).waitFor();
    await choose(page, 'Measure 1', /Neutrophil engraftment/);
    await clinical.getByLabel('Value 1').fill('140');
    await clinical.getByRole('button', { name: 'Record the visit' }).click();
    await clinical.getByRole('alert').waitFor();
    await expect(clinical.getByLabel('Value 1').getAttribute('aria-invalid')).resolves.toBe('true');
    await clinical.getByLabel('Value 1').fill('18');
    await clinical.getByRole('button', { name: 'Record the visit' }).click();
    await clinical.getByRole('table', { name: 'Measurements of visit day 0' }).getByRole('cell', { name: /^18 day/ }).waitFor();
    await checkScreen(page, 'clinical-request');

    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Clinical follow-up' }).click();
    await page.getByRole('checkbox', { name: 'upcoming' }).check();
    await page.getByRole('table', { name: 'Visits to record' }).getByRole('link', { name: req.body.requestNumber }).first().waitFor();
    await page.getByRole('button', { name: 'Prepare the export' }).click();
    await page.getByRole('link', { name: 'Download outcomes-deidentified.csv' }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: /Received [\d.]+ KB/ }).textContent()).resolves.toMatch(/patients withheld/);
    await checkScreen(page, 'clinical-follow-up');
    await page.close();

    // the lab does not read outcomes: no screen, and no clinical section on the request
    page = await signedIn('lab_technician');
    expect(await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Clinical follow-up' }).count()).toBe(0);
    await page.goto(`/release/${id}`);
    await page.getByRole('heading', { name: /^Release request RR/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Clinical use and follow-up' }).count()).toBe(0);
    await page.close();
  });

  it('DESIGN.md 6: the admin edits roles and name, resets a password (shown once, then forced to change) and deactivates; registers and revokes an integration', async () => {
    const admin = await auth(t, 'admin');
    const created = await t.http().post('/api/v1/users').set(admin).send({ email: 'tech2@bank.test', name: 'Tech Two', password: 'one-time-password-123', roles: ['lab_technician'] }).expect(201);
    let page = await signedIn('admin');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Users and integrations' }).click();
    await page.getByRole('button', { name: 'Edit Tech Two' }).click();
    const edit = page.getByRole('region', { name: /Account of Tech Two/ });
    await edit.getByLabel(label('Name')).fill('Tech Two-Smith');
    await edit.getByRole('checkbox', { name: 'quality assurance' }).check();
    await edit.getByRole('button', { name: 'Save name and roles' }).click();
    await edit.getByRole('status').filter({ hasText: 'Account saved' }).waitFor();
    const users = (await t.http().get('/api/v1/users').set(admin)).body as { items?: { id: string; name: string; roles: string[] }[] } | { id: string; name: string; roles: string[] }[];
    const saved = (Array.isArray(users) ? users : users.items!).find((u) => u.id === created.body.id)!;
    expect(saved).toMatchObject({ name: 'Tech Two-Smith', roles: expect.arrayContaining(['lab_technician', 'quality_assurance']) });

    const edit2 = page.getByRole('region', { name: /Account of Tech Two/ });
    await edit2.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('dialog', { name: 'Reset the password?' }).getByRole('button', { name: 'Reset the password' }).click();
    const oneTime = (await edit2.locator('[data-one-time-password]').textContent()) ?? '';
    expect(oneTime).toMatch(/^[A-Za-z2-9]{20}$/);
    await checkScreen(page, 'admin-user-edit');
    // the one-time password works once: the account must change it first
    const other = await signIn('lab_technician', 'tech2@bank.test', oneTime);
    await other.getByRole('heading', { name: 'Change password' }).waitFor();
    await other.close();

    await edit2.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('dialog', { name: 'Deactivate the account?' }).getByRole('button', { name: 'Deactivate' }).click();
    await edit2.getByRole('status').filter({ hasText: 'Account deactivated' }).waitFor();
    await page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'tech2@bank.test' }).getByRole('cell', { name: 'no', exact: true }).waitFor();
    await t.http().post('/api/v1/auth/login').send({ email: 'tech2@bank.test', password: oneTime }).expect(401);

    await page.getByLabel(label('Integration name')).fill('Cell counter 3');
    await page.getByRole('button', { name: 'Register integration' }).click();
    const key = (await page.getByRole('status').filter({ hasText: 'API key for Cell counter 3' }).locator('code').textContent()) ?? '';
    expect(key.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Revoke Cell counter 3' }).click();
    await page.getByRole('dialog', { name: 'Revoke the integration key?' }).getByRole('button', { name: 'Revoke the key' }).click();
    await page.getByRole('table', { name: 'Integrations' }).getByRole('row').filter({ hasText: 'Cell counter 3' }).getByText(/^revoked/).waitFor();
    await checkScreen(page, 'admin-integrations');
    await page.close();
    // the revoked key posts nothing
    const posted = await t.http().post('/api/v1/lab/events').set('x-api-key', key).send({});
    expect(posted.status).toBe(401);

    // no other role sees the screen
    page = await signedIn('quality_assurance');
    expect(await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Users and integrations' }).count()).toBe(0);
    await page.close();
  });

  it('WCAG 2.1 AA: no serious or critical axe-core violation on any of these screens', () => {
    expect(axeFindings).toEqual([]);
  });
});
