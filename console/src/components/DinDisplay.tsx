import { Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';

/**
 * The DIN as ISBT 128 prints it to be read by eye: facility, year, sequence, and the check character
 * in a box (ST-001: the keyboard-entry check). A screen reader hears it whole. `link` opens the unit.
 */
export function DinDisplay({ din, check, link = false, size = 'sm' }: { din: string; check?: string | null; link?: boolean; size?: string }) {
  const body = (
    <Text component="span" ff="monospace" size={size} data-din={din} style={{ position: 'relative', whiteSpace: 'nowrap' }}>
      <VisuallyHidden>{`DIN ${din}${check ? `, check character ${check}` : ''}`}</VisuallyHidden>
      <span aria-hidden>
        {din.slice(0, 5)} {din.slice(5, 7)} {din.slice(7, 13)}
        {check ? <span style={{ border: '1px solid currentColor', padding: '0 3px', marginLeft: 6, borderRadius: 2 }}>{check}</span> : null}
      </span>
    </Text>
  );
  return link ? (
    <Link to={`/units/${din}`} style={{ color: 'inherit', display: 'inline-block', position: 'relative' }}>
      {body}
    </Link>
  ) : (
    body
  );
}
