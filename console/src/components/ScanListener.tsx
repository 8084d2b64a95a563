import { Affix, CloseButton, Group } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Problem } from '../api/problem';
import { ProblemAlert } from './ProblemAlert';
import { dinFromScan, needsIsbtReader, resolveScanToDin } from './scan';

/**
 * A keyboard wedge types a whole barcode in a burst: on average well under this per character
 * (people type at 100 ms or more per key, even fast typists).
 */
const MAX_MEAN_GAP_MS = 35;
/**
 * A pause this long ends whatever was being typed. Longer than the mean: a busy bench PC can hold one
 * key event back for a few tens of milliseconds inside a scan, which must not split it.
 */
const MAX_PAUSE_MS = 100;

/**
 * Listens to the whole app for a scan (characters typed fast, ending in Enter) and opens that unit.
 * A plain DIN (or data structure 001) opens at once; a compound message or another ISBT 128 structure
 * is read by the API (`POST /scan`) and opens the unit it names. A scan that can not be read, or names
 * no unit, is shown as the API's problem (never dropped). Fields marked `data-scan-target` take their
 * scans themselves (put-away: unit, then position).
 */
export function ScanListener() {
  // one listener for the app's life: `useNavigate` gives a new function on every route change, and a
  // listener re-subscribed then would start a new buffer, dropping a scan whose keys straddle it
  const navigate = useNavigate();
  const navigateRef = useRef(navigate);
  useEffect(() => {
    navigateRef.current = navigate;
  }, [navigate]);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    let buffer = '';
    let first = 0;
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('[data-scan-target]')) return;
      // the event's own time, not the time it is handled: a busy page must not split a scan
      const now = e.timeStamp || performance.now();
      if (now - last > MAX_PAUSE_MS) {
        buffer = '';
        first = now;
      }
      last = now;
      if (e.key === 'Enter') {
        const scanned = buffer;
        // the Enter counts as the last character of the burst
        const burst = scanned.length > 0 && (now - first) / scanned.length <= MAX_MEAN_GAP_MS;
        buffer = '';
        last = 0; // the next key starts a new burst
        if (scanned.length < 4 || !burst) return;
        const din = scanned.length >= 13 ? dinFromScan(scanned) : null;
        if (din) {
          e.preventDefault();
          setProblem(null);
          navigateRef.current(`/units/${din}`);
        } else if (needsIsbtReader(scanned)) {
          e.preventDefault();
          resolveScanToDin(scanned).then(
            (found) => {
              setProblem(null);
              navigateRef.current(`/units/${found}`);
            },
            (err: unknown) => setProblem(Problem.from(err)),
          );
        }
        return;
      }
      if (e.key.length === 1) buffer += e.key;
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  if (!problem) return null;
  return (
    <Affix position={{ top: 64, right: 16 }} zIndex={300}>
      <Group align="flex-start" gap={4} maw={440} bg="white" style={{ borderRadius: 4 }} aria-label="Scan">
        <div style={{ flex: 1 }}>
          <ProblemAlert problem={new Problem({ status: problem.status, title: `Scan not opened: ${problem.title}`, detail: problem.detail, errors: problem.errors, code: problem.code })} />
        </div>
        <CloseButton aria-label="Dismiss the scan message" onClick={() => setProblem(null)} />
      </Group>
    </Affix>
  );
}
