/// <reference lib="dom" />
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { encodeDin } from '../../src/isbt128/structures';
import { auth, availableUnit, createDonor, makeEligible } from '../setup/fixtures';
import { PASSWORD, TestApp, startTestApp } from '../setup/test-app';
import { axeViolations, launch, newPage, screenshot, type ConsoleBrowser } from './browser';

/**
 * The last screens of issue 18 in a real Chromium against the real service: the donor file's
 * corrections (the donor's record, a consent withdrawn, a screening's deferral) and the scan-back
 * verification of an applied label. Each by the role the API admits; a refused role sees no act;
 * what the screen did is read back from the database; axe on every screen.
 */
let t: TestApp;
let b: ConsoleBrowser;
const axeFindings: string[] = [];
const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

beforeAll(async () => {
  t = await startTestApp();
  b = await launch();
  for (const role of ['coordinator', 'lab_technician', 'medical_director', 'auditor'] as const) await t.token(role);
}, 60_000);
afterAll(async () => {
  await b?.close();
  await t?.close();
});

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

async function signedIn(role: string): Promise<Page> {
  const { page } = await newPage(b, t.baseUrl);
  open.add(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await page.getByLabel(label('E-mail')).fill(`${role}@bank.test`);
  await page.getByLabel(label('Password')).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
  (page as Page & { uncaught?: string[] }).uncaught = errors;
  return page;
}

async function checkScreen(page: Page, name: string, shot = false): Promise<void> {
  await page.waitForLoadState('networkidle');
  for (const v of await axeViolations(page)) axeFindings.push(`${name}: ${v}`);
  if (shot) await screenshot(page, name);
}

async function openDonor(page: Page, id: string): Promise<void> {
  await page.goto(`/donors/${id}`);
  await page.getByRole('heading', { name: /^Donor D/ }).waitFor();
}

describe('the console: donor corrections and label scan-back', () => {
  it('Part 11.10(e): the coordinator corrects the donor record with a reason and withdraws a consent; the database holds both, the units go on hold', async () => {
    const donor = await createDonor(t, 'public', { firstName: 'Ana', lastName: 'Silvaa' });
    await makeEligible(t, donor.id, 'public');
    const { din } = await availableUnit(t, { donorId: donor.id });
    const page = await signedIn('coordinator');
    await openDonor(page, donor.id);

    // a correction without a reason: the API's field error on the field, nothing written
    await page.getByRole('button', { name: 'Correct the donor record' }).click();
    const form = page.getByRole('form', { name: 'Correct the donor record' });
    await form.getByLabel(label('Last name')).fill('Silva');
    await form.getByLabel(label('Phone')).fill('+1 555 0101');
    await form.getByLabel(label('Reason for the correction')).fill('x');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await expect(form.getByRole('alert').first().textContent()).resolves.toMatch(/reason/i);
    expect((await t.owner.query(`SELECT last_name FROM donors WHERE id = $1`, [donor.id])).rows[0].last_name).toBe('Silvaa');
    await checkScreen(page, 'donor-correction-refused');

    await form.getByLabel(label('Reason for the correction')).fill('typo in last name on the intake form');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await page.getByRole('status').filter({ hasText: 'Donor record corrected' }).waitFor();
    await page.getByRole('heading', { name: /Ana Silva$/ }).waitFor();
    const row = (await t.owner.query(`SELECT last_name, phone, first_name FROM donors WHERE id = $1`, [donor.id])).rows[0];
    expect(row).toEqual({ last_name: 'Silva', phone: '+1 555 0101', first_name: 'Ana' });
    const trail = (await t.http().get(`/api/v1/donors/${donor.id}/audit`).set(await auth(t, 'auditor'))).body as { items: { reason: string | null }[] };
    expect(trail.items.map((e) => e.reason)).toContain('typo in last name on the intake form');

    // the consent withdrawn, with its reason: recorded, shown, the donor's available unit held
    const consents = page.getByRole('listitem').filter({ hasText: /public donation/ });
    await consents.getByRole('button', { name: 'Withdraw the public donation consent' }).click();
    const withdraw = page.getByRole('form', { name: 'Withdraw the public donation consent' });
    await withdraw.getByLabel(label('Reason for the withdrawal')).fill('mother withdrew consent by phone, confirmed in writing');
    await checkScreen(page, 'donor-corrections', true);
    await withdraw.getByRole('button', { name: 'Withdraw consent' }).click();
    await page.getByText(/withdrawn .*: mother withdrew consent by phone/).waitFor();
    const consent = (await t.owner.query(`SELECT withdrawn_at, withdrawal_reason FROM consents WHERE donor_id = $1`, [donor.id])).rows;
    expect(consent).toEqual([{ withdrawn_at: expect.any(Date), withdrawal_reason: 'mother withdrew consent by phone, confirmed in writing' }]);
    expect((await t.owner.query(`SELECT status FROM cord_blood_units WHERE din = $1`, [din])).rows[0].status).toBe('on_hold');
    expect(await page.getByRole('button', { name: /^Withdraw the/ }).count()).toBe(0);
    // screening corrections are the medical director's: the coordinator is not offered one
    expect(await page.getByRole('button', { name: /^Correct deferral/ }).count()).toBe(0);
    await checkScreen(page, 'donor-withdrawn');
    expect((page as Page & { uncaught?: string[] }).uncaught).toEqual([]);
    await page.close();
  });

  it('21 CFR 1271.75(d): the medical director corrects a screening deferral with a reason; the lab technician is offered no correction at all', async () => {
    const donor = await createDonor(t);
    await makeEligible(t, donor.id, 'public');
    let page = await signedIn('medical_director');
    await openDonor(page, donor.id);
    expect(await page.getByRole('button', { name: 'Correct the donor record' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Withdraw the/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Correct deferral of MBHQ-1' }).click();
    const form = page.getByRole('form', { name: 'Correct deferral of MBHQ-1' });
    await form.getByLabel(label('Corrected deferral reasons (; separated)')).fill('tattoo within 3 months');
    await form.getByLabel(label('Reason for the correction')).fill('the questionnaire page 2 records a tattoo in October');
    await form.getByRole('button', { name: 'Save the deferral correction' }).click();
    await page.getByText(/deferral: tattoo within 3 months/).waitFor();
    const rows = (await t.owner.query(`SELECT deferral_reasons FROM screenings WHERE donor_id = $1`, [donor.id])).rows;
    expect(rows).toEqual([{ deferral_reasons: ['tattoo within 3 months'] }]);
    await checkScreen(page, 'donor-screening-corrected');
    await page.close();

    page = await signedIn('lab_technician');
    await openDonor(page, donor.id);
    await page.getByRole('heading', { name: 'Infectious disease markers' }).waitFor();
    for (const name of ['Correct the donor record', /^Withdraw the/, /^Correct deferral/]) expect(await page.getByRole('button', { name }).count()).toBe(0);
    await checkScreen(page, 'donor-lab');
    await page.close();
  });

  it('FACT-NetCord labelling (bank policy): the lab scans back an applied label; a match and a mismatch are shown as the API answers and both recorded; an auditor is not offered it', async () => {
    const { din } = await availableUnit(t);
    const other = await availableUnit(t);
    let page = await signedIn('lab_technician');
    await page.goto(`/units/${din}`);
    await page.getByRole('button', { name: 'Show audit trail' }).waitFor();
    const labels = page.getByRole('region', { name: 'Labels' });
    const scanBack = labels.getByRole('region', { name: 'Scan-back verification' });
    await scanBack.getByLabel('Label stage to verify').click();
    await page.getByRole('option', { name: /^Collection/ }).click();
    const field = scanBack.getByLabel(/^Scan the applied label/);
    await field.fill(encodeDin(din));
    await field.press('Enter');
    await scanBack.getByRole('list', { name: 'Scanned from the label' }).getByText(encodeDin(din)).waitFor();
    await scanBack.getByRole('button', { name: 'Verify the label' }).click();
    await expect(scanBack.getByRole('status').textContent()).resolves.toMatch(new RegExp(`collection label of ${din} matches the record`));
    await checkScreen(page, 'label-scan-back-match');

    // the label of another unit on this bag: a mismatch, with what differed
    await field.fill(encodeDin(other.din));
    await field.press('Enter');
    await scanBack.getByRole('button', { name: 'Verify the label' }).click();
    const mismatch = scanBack.getByRole('alert').filter({ hasText: 'Label does not match the record' });
    await expect(mismatch.textContent()).resolves.toMatch(new RegExp(`DIN scanned is ${other.din}, the record says ${din}`));
    expect(await scanBack.getByRole('status').count()).toBe(0);
    await checkScreen(page, 'label-scan-back-mismatch');

    // something that is not ISBT 128: the API's UNREADABLE_SCAN, on the field
    await field.fill('=W1234');
    await field.press('Enter');
    await scanBack.getByRole('button', { name: 'Verify the label' }).click();
    await expect(scanBack.getByRole('alert').first().textContent()).resolves.toMatch(/Not every scan could be read: scans\[0\]/);
    await page.close();

    const rows = (await t.owner.query(`SELECT stage, result FROM unit_label_verifications WHERE din = $1 ORDER BY verified_at`, [din])).rows;
    expect(rows).toEqual([{ stage: 'collection', result: 'match' }, { stage: 'collection', result: 'mismatch' }]);

    page = await signedIn('auditor');
    await page.goto(`/units/${din}`);
    await page.getByRole('button', { name: 'Show audit trail' }).waitFor();
    // the auditor reads both checks from the unit's audit trail, but is not offered one
    const history = page.getByRole('table', { name: 'Label scan-back history' });
    await history.getByRole('row').filter({ hasText: 'mismatch' }).filter({ hasText: `DIN scanned is ${other.din}` }).waitFor();
    expect(await history.getByRole('row').filter({ has: page.getByRole('cell', { name: 'match', exact: true }) }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Scan-back verification' }).count()).toBe(0);
    await page.close();
  });

  it('WCAG 2.1 AA: no serious or critical axe-core violation on any of these screens', () => {
    expect(axeFindings).toEqual([]);
  });
});
