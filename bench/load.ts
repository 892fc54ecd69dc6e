// Closed-loop load for the submission benches (bench:apply, bench:complaints): `clients` loops, each
// awaiting its own operation until `seconds` have passed; and the percentiles they print.
import { performance } from 'node:perf_hooks';

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
export const median = (xs: number[]) => percentile(xs, 50);

/** Completed operations per second, and each one's latency in ms. */
export async function closedLoop(clients: number, seconds: number, op: (i: number) => Promise<unknown>): Promise<{ rate: number; latencies: number[] }> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let n = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await op(n++);
      latencies.push(performance.now() - t0);
    }
  }));
  return { rate: latencies.length / ((performance.now() - start) / 1000), latencies };
}
