import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { dinFromScan } from './scan';

/** A keyboard wedge types a whole barcode in well under this per character; people do not. */
const MAX_GAP_MS = 35;

/**
 * Listens to the whole app for a scan (characters typed fast, ending in Enter) and opens that unit.
 * Fields marked `data-scan-target` take their scans themselves (put-away: unit, then position).
 */
export function ScanListener() {
  const navigate = useNavigate();
  useEffect(() => {
    let buffer = '';
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('[data-scan-target]')) return;
      const now = performance.now();
      if (now - last > MAX_GAP_MS) buffer = '';
      last = now;
      if (e.key === 'Enter') {
        const din = buffer.length >= 13 ? dinFromScan(buffer) : null;
        buffer = '';
        if (din) {
          e.preventDefault();
          navigate(`/units/${din}`);
        }
        return;
      }
      if (e.key.length === 1) buffer += e.key;
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [navigate]);
  return null;
}
