import { TextInput } from '@mantine/core';
import { useState } from 'react';

/** A field that takes one scan (or typing and Enter) and hands it over; the global listener leaves it alone. */
export function ScanField({ label, description, onScan, error, autoFocus, disabled }: { label: string; description?: string; onScan: (value: string) => void; error?: string; autoFocus?: boolean; disabled?: boolean }) {
  const [value, setValue] = useState('');
  return (
    <TextInput
      data-scan-target
      label={label}
      description={description}
      value={value}
      error={error}
      autoFocus={autoFocus}
      disabled={disabled}
      autoComplete="off"
      spellCheck={false}
      onChange={(e) => setValue(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && value.trim()) {
          e.preventDefault();
          onScan(value.trim());
          setValue('');
        }
      }}
    />
  );
}
