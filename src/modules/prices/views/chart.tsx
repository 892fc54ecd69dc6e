/** @jsxImportSource hono/jsx */
// A server-side SVG line chart of one commodity's price over the last days, with an accessible
// title and description; the page shows the same numbers as a table.
import { addDays } from '../../../platform/calendar/working-days.ts';

export const CHART = { width: 640, height: 240, left: 64, right: 12, top: 12, bottom: 28 };

export interface Point { day: string; price: number; x: number; y: number }

/** Where each price goes: x by its day within [from, to], y between the lowest and highest price. */
export function chartPoints(series: { day: string; price: number }[], from: string, to: string): { points: Point[]; min: number; max: number } {
  const days = Math.max(1, (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  const prices = series.map((s) => s.price);
  let min = Math.min(...prices);
  let max = Math.max(...prices);
  if (min === max) { min = Math.floor(min * 0.9); max = Math.ceil(max * 1.1); }
  const w = CHART.width - CHART.left - CHART.right;
  const h = CHART.height - CHART.top - CHART.bottom;
  const points = series.map((s) => {
    const d = (Date.parse(`${s.day}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
    return { day: s.day, price: s.price, x: Math.round((CHART.left + (d / days) * w) * 10) / 10, y: Math.round((CHART.top + (1 - (s.price - min) / (max - min)) * h) * 10) / 10 };
  });
  return { points, min, max };
}

export function PriceChart({ id, title, desc, series, from, to, rupiah, short }: {
  id: string; title: string; desc: string; series: { day: string; price: number }[]; from: string; to: string;
  rupiah: (n: number) => string; short: (day: string) => string;
}) {
  const { points, min, max } = chartPoints(series, from, to);
  const base = CHART.height - CHART.bottom;
  return (
    <svg class="chart" viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      <line x1={CHART.left} y1={base} x2={CHART.width - CHART.right} y2={base} stroke="#555" />
      <line x1={CHART.left} y1={CHART.top} x2={CHART.left} y2={base} stroke="#555" />
      <text x={CHART.left - 4} y={CHART.top + 10} text-anchor="end" font-size="11">{rupiah(max)}</text>
      <text x={CHART.left - 4} y={base} text-anchor="end" font-size="11">{rupiah(min)}</text>
      <text x={CHART.left} y={CHART.height - 8} font-size="11">{short(from)}</text>
      <text x={CHART.width - CHART.right} y={CHART.height - 8} text-anchor="end" font-size="11">{short(to)}</text>
      {points.length > 1 ? <polyline fill="none" stroke="#1a5fb4" stroke-width="2" points={points.map((p) => `${p.x},${p.y}`).join(' ')} /> : null}
      {points.map((p) => <circle cx={p.x} cy={p.y} r="3" fill="#1a5fb4"><title>{`${short(p.day)}: ${rupiah(p.price)}`}</title></circle>)}
    </svg>
  );
}
export { addDays };
