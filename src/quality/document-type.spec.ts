import { describe, expect, it } from '@jest/globals';
import { detectMediaType, isPlainText } from './documents.service';

describe('document types are read from the content (DESIGN.md section 9)', () => {
  const hex = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex');

  it('DESIGN.md section 9: PDF, PNG, JPEG and TIFF are known by their magic numbers, whatever the name says', async () => {
    expect(await detectMediaType(Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n'))).toBe('application/pdf');
    expect(await detectMediaType(hex('89504e470d0a1a0a 0000000d49484452 00000001000000010806000000 1f15c489'))).toBe('image/png');
    expect(await detectMediaType(hex('ffd8ffe000104a46494600010100000100010000'))).toBe('image/jpeg');
    expect(await detectMediaType(Buffer.concat([hex('49492a00 08000000'), Buffer.alloc(64)]))).toBe('image/tiff');
  });

  it('DESIGN.md section 9: an executable, an archive or binary data is none of the stored types', async () => {
    expect(await detectMediaType(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(128, 0x90)]))).toBeUndefined();
    expect(await detectMediaType(Buffer.concat([hex('504b0304 14000000 0800'), Buffer.alloc(64)]))).toBeUndefined();
    expect(await detectMediaType(Buffer.from('\u0000\u0001binary\u0002'))).toBeUndefined();
  });

  it('plain text is UTF-8 without control characters other than tab, line breaks and form feed', () => {
    expect(isPlainText(Buffer.from('Bag label checked.\r\n\tOK — 2 °C\f'))).toBe(true);
    expect(isPlainText(Buffer.from([0x48, 0x69, 0xff, 0xfe]))).toBe(false);
    expect(isPlainText(Buffer.from('escape \u001b[31m red'))).toBe(false);
  });
});
