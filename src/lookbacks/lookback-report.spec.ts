import { describe, expect, it } from '@jest/globals';
import { csvField } from '../common/csv';
import { lookbackCsv, lookbackPdf } from './lookback-report';

describe('lookback report', () => {
  it('RFC 4180: quotes fields with commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-01T10:00:00.000Z');
  });

  it('CSV injection (OWASP): a cell that starts with = + - @ is prefixed so a spreadsheet shows it as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe(`"'+1"`);
    expect(csvField('-5')).toBe(`"'-5"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
  });

  const data = {
    lookback: {
      number: 'LB000007', status: 'open', triggerType: 'dins', trigger: { type: 'dins', dins: ['W123426000001'] }, reason: 'sterility doubt',
      opened: { by: 'Q. A.', at: '2026-03-01T10:00:00.000Z' }, unitCount: 1, heldCount: 0, closure: null,
      consignees: [{ facility: 'St Luke', physician: 'Dr. Chen', dins: ['W123426000001'], requestNumbers: ['RR000003'], notifications: [] }],
    },
    units: [{ din: 'W123426000001', foundStatus: 'infused', action: 'distributed', currentStatus: 'infused', requestNumber: 'RR000003', facility: 'St Luke', physician: 'Dr. Chen', disposition: null }],
  };

  it('lists the header, every unit and every consignee, saying when one is not notified', () => {
    const csv = lookbackCsv(data);
    const lines = csv.split('\r\n');
    expect(lines[0].startsWith('lookback,status,triggerType')).toBe(true);
    expect(lines[1].startsWith('LB000007,open,dins,')).toBe(true);
    expect(csv).toContain('W123426000001,infused,distributed,infused,RR000003,St Luke,Dr. Chen');
    expect(csv).toContain('NOT NOTIFIED');
  });

  it('renders a PDF document', async () => {
    const pdf = await lookbackPdf(data, new Date('2026-03-02T00:00:00Z'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
