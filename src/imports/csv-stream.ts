import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { CONTROL } from './spec';

export interface CsvRecord {
  /** the line the record starts on (1 = the header) */
  line: number;
  values: string[];
}

/**
 * Streams a CSV file record by record (never the whole file in memory) and computes its SHA-256 over
 * the bytes as read. `onHeader` sees the header first; `onRecord` is awaited, so a slow consumer
 * (a COPY) holds the file back. Returns the hash and the number of data records.
 */
export async function streamCsv(
  path: string,
  onHeader: (header: string[]) => void | Promise<void>,
  onRecord: (r: CsvRecord) => void | Promise<void>,
): Promise<{ sha256: string; rows: number }> {
  const hash = createHash('sha256');
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  input.on('data', (chunk) => hash.update(chunk));
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 1 << 20 }),
  );
  let header: string[] | undefined;
  let rows = 0;
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!header) {
      header = rec.record.map((h) => h.trim());
      await onHeader(header);
      continue;
    }
    rows++;
    await onRecord({ line: rec.info.lines, values: rec.record });
  }
  if (!header) await onHeader([]);
  return { sha256: hash.digest('hex'), rows };
}

export { CONTROL };

/** SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
