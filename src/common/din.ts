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

/**
 * ISBT 128 facility identification number (ST-001, data structure 001): five characters, the first
 * from A–N, P–Z or 1–9 (never the letter O or the digit 0, which read alike), then four digits.
 */
export const FACILITY_ID_PATTERN = /^[A-NP-Z1-9][0-9]{4}$/;

/** A DIN: facility identification number (5), 2-digit year, 6-digit sequence (13 characters). */
export const DIN_PATTERN = /^[A-NP-Z1-9][0-9]{4}[0-9]{2}[0-9]{6}$/;

export interface ParsedDin {
  din: string;
  dinCheck: string;
  /** the two flag characters when the DIN was scanned or typed with them (data structure 001) */
  flags?: string;
}

const refuse = (raw: unknown, field: string, message: string): DomainError =>
  new DomainError('INVALID_DIN', `${JSON.stringify(String(raw).slice(0, 40))} is not an ISBT 128 DIN: ${message}`, {
    errors: [{ field, message: 'must be an ISBT 128 DIN: 13 characters (facility A–N/P–Z/1–9 + 4 digits, year, sequence), or 14 with its check character, or with its 2 flag characters (=DIN ff, optional check character)' }],
  });

/**
 * Accepts a DIN as it is typed or scanned:
 * - the 13 characters, or 14 with the keyboard check character (ISO 7064 Mod 37-2);
 * - ISBT 128 data structure 001 (`=αppppyynnnnnnff`): the 13 and the two flag characters `ff`, with
 *   or without the `=` data identifier, optionally followed by the check character (the eye-readable
 *   form). Flags 00–59 are kept as given; 60–96 carry the check character (type 3: 60 + its value)
 *   and must match it.
 * A value that is not a DIN, or whose check character is wrong, is refused with 422 INVALID_DIN.
 */
export function parseDin(raw: unknown, field = 'din'): ParsedDin {
  let value = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  const scanned = value.startsWith('=');
  if (scanned) value = value.slice(1);
  const body = value.slice(0, 13);
  if (!DIN_PATTERN.test(body)) throw refuse(raw, field, 'a facility identification number (A–N, P–Z or 1–9, then 4 digits), 2-digit year, 6-digit sequence');
  const rest = value.slice(13);
  const dinCheck = mod37_2(body);
  let flags: string | undefined;
  let check: string | undefined;
  if (scanned || rest.length >= 2) {
    if (!/^[0-9]{2}[0-9A-Z*]?$/.test(rest)) throw refuse(raw, field, 'after the 13 characters come the 2 flag digits, then optionally the check character');
    flags = rest.slice(0, 2);
    check = rest[2];
  } else if (rest.length === 1) {
    check = rest;
  }
  if (check !== undefined && check !== dinCheck) {
    // never name the right character: a mistyped DIN "corrected" with it would name another unit
    throw new DomainError('INVALID_DIN', `The check character ${check} does not match the DIN ${body}: check the number as read from the label`, {
      errors: [{ field, message: 'check character does not match (ISO 7064 Mod 37-2)' }],
    });
  }
  if (flags !== undefined && Number(flags) >= 60 && Number(flags) <= 96 && Number(flags) - 60 !== '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*'.indexOf(dinCheck)) {
    throw new DomainError('INVALID_DIN', `The flag characters ${flags} (a type 3 check value) do not match the DIN ${body}: check the number as read from the label`, {
      errors: [{ field, message: 'flag characters 60–96 carry the check character, and it does not match' }],
    });
  }
  return flags === undefined ? { din: body, dinCheck } : { din: body, dinCheck, flags };
}

export function formatDin(facilityId: string, year: number, sequence: number): string {
  return `${facilityId}${String(year % 100).padStart(2, '0')}${String(sequence).padStart(6, '0')}`;
}
