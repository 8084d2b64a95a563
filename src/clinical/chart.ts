import type { Summary } from './statistics';

/**
 * A grouped bar chart as SVG, drawn on the server (no browser, no library): one group per dose band,
 * one bar per route, the bar the mean (of the change from baseline, or of the value), its whisker the
 * 95 % t interval, `n` under each bar. Every text is XML-escaped.
 */
export interface ChartInput {
  title: string;
  yLabel: string;
  groups: { code: string; label: string }[];
  series: { code: string; label: string }[];
  cell: (group: string, series: string) => Summary | undefined;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
export const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const num = (x: number) => (Math.abs(x) >= 1000 || (Math.abs(x) < 0.01 && x !== 0) ? x.toExponential(1) : String(Number(x.toPrecision(3))));

export function renderBarChart(c: ChartInput): string {
  const W = 880;
  const H = 480;
  const m = { top: 56, right: 180, bottom: 90, left: 70 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const values: number[] = [0];
  for (const g of c.groups) for (const s of c.series) {
    const v = c.cell(g.code, s.code);
    if (v?.mean !== null && v?.mean !== undefined) values.push(v.mean, v.ci95?.lower ?? v.mean, v.ci95?.upper ?? v.mean);
  }
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) hi = lo + 1;
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const y = (v: number) => m.top + ph - ((v - lo) / (hi - lo)) * ph;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12" role="img" aria-label="${xml(c.title)}">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${xml(c.title)}</text>`);
  // y axis with five ticks
  for (let i = 0; i <= 5; i++) {
    const v = lo + ((hi - lo) * i) / 5;
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${xml(num(v))}</text>`);
  }
  out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#333"/>`);
  out.push(`<text transform="translate(18 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${xml(c.yLabel)}</text>`);
  const gw = pw / Math.max(1, c.groups.length);
  const bw = Math.min(40, (gw * 0.8) / Math.max(1, c.series.length));
  c.groups.forEach((g, gi) => {
    const gx = m.left + gi * gw + (gw - bw * c.series.length) / 2;
    c.series.forEach((s, si) => {
      const v = c.cell(g.code, s.code);
      const x = gx + si * bw;
      if (!v || v.mean === null) return;
      const top = Math.min(y(v.mean), y(0));
      const h = Math.abs(y(v.mean) - y(0));
      out.push(`<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${Math.max(h, 0.5).toFixed(1)}" fill="${PALETTE[si % PALETTE.length]}"><title>${xml(`${g.label}, ${s.label}: mean ${num(v.mean)}, n ${v.n}`)}</title></rect>`);
      if (v.ci95) {
        const cx = x + (bw - 2) / 2;
        out.push(`<line x1="${cx.toFixed(1)}" x2="${cx.toFixed(1)}" y1="${y(v.ci95.lower).toFixed(1)}" y2="${y(v.ci95.upper).toFixed(1)}" stroke="#000"/>`);
        for (const e of [v.ci95.lower, v.ci95.upper]) out.push(`<line x1="${(cx - 4).toFixed(1)}" x2="${(cx + 4).toFixed(1)}" y1="${y(e).toFixed(1)}" y2="${y(e).toFixed(1)}" stroke="#000"/>`);
      }
      out.push(`<text x="${(x + (bw - 2) / 2).toFixed(1)}" y="${m.top + ph + 14}" text-anchor="middle" font-size="10">n=${v.n}</text>`);
    });
    out.push(`<text x="${(m.left + gi * gw + gw / 2).toFixed(1)}" y="${m.top + ph + 34}" text-anchor="middle">${xml(g.label)}</text>`);
  });
  c.series.forEach((s, si) => {
    const ly = m.top + si * 20;
    out.push(`<rect x="${W - m.right + 20}" y="${ly}" width="12" height="12" fill="${PALETTE[si % PALETTE.length]}"/>`);
    out.push(`<text x="${W - m.right + 38}" y="${ly + 10}">${xml(s.label)}</text>`);
  });
  out.push(`<text x="${m.left}" y="${H - 16}" font-size="10" fill="#555">Bars: mean; whiskers: 95 % t interval; n: patients. Groups: dose band; colours: route.</text>`);
  out.push('</svg>');
  return out.join('\n');
}
