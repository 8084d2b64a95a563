import { describe, expect, it } from '@jest/globals';
import { buildLabel, missingFor, statementsFor } from './label-model';
import { sampleFacts } from './sample-facts';

const policy = { freshHours: 48, frozenYears: 20 };

describe('label model', () => {
  it('21 CFR 1271.60(d)(2) / 1271.65(b)(2) / 1271.90(c): the statements follow the eligibility and the banking type, each with its rule', () => {
    const eligible = { status: 'eligible' as const, reasons: [] };
    expect(statementsFor({ bankingType: 'public', eligibility: eligible, reactiveMarkers: [] }).statements).toEqual([]);
    expect(statementsFor({ bankingType: 'family', eligibility: eligible, reactiveMarkers: [] }).statements).toEqual([{ text: 'FOR AUTOLOGOUS USE ONLY', rule: '21 CFR 1271.90(c)(1)' }]);
    const incomplete = statementsFor({ bankingType: 'public', eligibility: { status: 'incomplete', reasons: ['HIV-1: not tested'] }, reactiveMarkers: [] });
    expect(incomplete.statements.map((s) => s.rule)).toEqual(['21 CFR 1271.60(d)(2)', '21 CFR 1271.60(d)(2)', '21 CFR 1271.60(b), (c)(2)']);
    const ineligible = statementsFor({ bankingType: 'public', eligibility: { status: 'ineligible', reasons: ['HBsAg: positive'] }, reactiveMarkers: ['HBsAg', 'HCV'] });
    expect(ineligible.biohazard).toBe(true);
    expect(ineligible.statements.map((s) => s.text)).toEqual(['BIOHAZARD', 'WARNING: Advise patient of communicable disease risks', 'WARNING: Reactive test results for HBsAg, HCV']);
    const deferred = statementsFor({ bankingType: 'family', eligibility: { status: 'ineligible', reasons: ['screening: deferral — travel'] }, reactiveMarkers: [] });
    expect(deferred.statements.map((s) => s.rule)).toEqual(['21 CFR 1271.90(c)(1)', '21 CFR 1271.65(b)(2), 1271.3(h)', '21 CFR 1271.90(c)(3)']);
  });

  it('FACT-NetCord labelling: each stage names what the record lacks; a discarded unit gets no label', () => {
    expect(missingFor('collection', sampleFacts('collection'))).toEqual([]);
    expect(missingFor('processing', sampleFacts('collection')).map((m) => m.split(':')[0])).toEqual(['processing', 'productCode']);
    expect(missingFor('final', sampleFacts('processing', { abo: null })).map((m) => m.split(':')[0])).toEqual(['abo']);
    expect(missingFor('shipping', sampleFacts('final')).map((m) => m.split(':')[0])).toEqual(['shipment']);
    expect(missingFor('final', sampleFacts('final', { status: 'discarded' }))[0]).toMatch(/discarded/);
  });

  it('the compound message carries exactly the label\'s barcodes; a fresh unit expires after the transit window, a frozen one after its shelf life', () => {
    const fresh = buildLabel('collection', sampleFacts('collection'), policy);
    expect(fresh.barcodes.map((b) => b.name)).toEqual(['din', 'expiration', 'collection']);
    expect(fresh.compound).toBe(`=+03000${fresh.barcodes.map((b) => b.data).join('')}`);
    expect(fresh.expires).toBe('11 MAR 2026 10:05 UTC');
    const final = buildLabel('final', sampleFacts('final'), policy);
    expect(final.barcodes.map((b) => b.name)).toEqual(['din', 'bloodGroups', 'productCode', 'expiration', 'collection']);
    expect(final.expires).toBe('10 MAR 2046 18:00 UTC');
    expect(final.dinEyeReadable).toBe('W1234 26 000001');
  });
});
