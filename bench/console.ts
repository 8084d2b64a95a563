import { FIRST_LOAD_BUDGET_BYTES, firstLoad } from './lib/console-size';

// npm run bench:console: the staff console's first load, measured on the build (dist/console)
{
  const { files, gzipped } = firstLoad();
  for (const f of files) console.log(`${f.file}: ${(f.bytes / 1024).toFixed(1)} KB, ${(f.gzipped / 1024).toFixed(1)} KB gzipped`);
  console.log(`first load: ${(gzipped / 1024).toFixed(1)} KB of JavaScript gzipped (budget ${FIRST_LOAD_BUDGET_BYTES / 1024} KB)`);
  if (gzipped > FIRST_LOAD_BUDGET_BYTES) process.exit(1);
}
