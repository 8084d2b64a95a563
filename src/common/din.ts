import { DomainError } from './domain-error';

const CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

/**
 * ISO 7064 Mod 37-2 check character, as ISBT 128 (ST-002, annex on the keyboard check character)
 * computes it over the 13 characters of a Donation Identification Number.
 */
export function mod37_2(value: string): string {
  let sum = 0;
  for (const ch of value.toUpperCase()) {
    const v = CHARSET.indexOf(ch);
    if (v < 0 || v > 35) throw new Error(`character ${JSON.stringify(ch)} is not allowed in a DIN`);
    sum = ((sum + v) * 2) % 37;
  }
  return CHARSET[(38 - sum) % 37];
}

/** A DIN: facility id (a letter and 4 digits), 2-digit year, 6-digit sequence. */
export const DIN_PATTERN = /^[A-Z][0-9]{4}[0-9]{2}[0-9]{6}$/;

export interface ParsedDin {
  din: string;
  dinCheck: string;
}

/**
 * Accepts the 13-character DIN or the 14 with its check character. A value that is not a DIN, or
 * whose check character is wrong, is refused with 422 INVALID_DIN (ISBT 128 identification).
 */
export function parseDin(raw: unknown, field = 'din'): ParsedDin {
  const value = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  const body = value.slice(0, 13);
  if ((value.length !== 13 && value.length !== 14) || !DIN_PATTERN.test(body)) {
    throw new DomainError('INVALID_DIN', `${JSON.stringify(String(raw).slice(0, 40))} is not an ISBT 128 DIN (a letter, 4 digits, 2-digit year, 6-digit sequence, optional check character)`, {
      errors: [{ field, message: 'must be a 13-character ISBT 128 DIN, or 14 with its check character' }],
    });
  }
  const dinCheck = mod37_2(body);
  if (value.length === 14 && value[13] !== dinCheck) {
    // never name the right character: a mistyped DIN "corrected" with it would name another unit
    throw new DomainError('INVALID_DIN', `The check character ${value[13]} does not match the DIN ${body}: check the number as read from the label`, {
      errors: [{ field, message: 'check character does not match (ISO 7064 Mod 37-2)' }],
    });
  }
  return { din: body, dinCheck };
}

export function formatDin(facilityId: string, year: number, sequence: number): string {
  return `${facilityId}${String(year % 100).padStart(2, '0')}${String(sequence).padStart(6, '0')}`;
}
