/**
 * What a scanner sends for a unit: the 13-character ISBT 128 DIN (facility, year, sequence), with its
 * check character (14), or as the DIN data structure `=` + DIN + two flag characters (ISBT 128 ST-001,
 * data structure 001). Returns the DIN to open (the API checks the check character), or null.
 */
export function dinFromScan(raw: string): string | null {
  let s = raw.trim().toUpperCase();
  if (s.startsWith('=')) s = s.slice(1);
  if (/^[A-Z][0-9]{12}[0-9]{2}$/.test(s) && raw.trim().startsWith('=')) return s.slice(0, 13);
  if (/^[A-Z][0-9]{12}$/.test(s)) return s;
  if (/^[A-Z][0-9]{12}[0-9A-Z*]$/.test(s)) return s;
  return null;
}
