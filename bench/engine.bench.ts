/**
 * Benchmarks for the deadline engine (`npm run bench`):
 *  1. project evaluations per second over the worked examples;
 *  2. WorkingCalendar.addWorkingDays against chinese-days' findWorkday on the same inputs, in the same run,
 *     reported as a ratio (their time / ours), after checking both give the same answers.
 */
import { findWorkday } from 'chinese-days';
import { performance } from 'node:perf_hooks';
import examples from '../test/fixtures/examples.json';
import { addDays, simulateCase, WorkingCalendar } from '../domain';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(fn: () => void, rounds: number): number {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const calendar = WorkingCalendar.standard();
const cases = examples.map((e) => e.case);

// 1. evaluations per second
const EVALS = 2_000;
const evalMs = time(() => {
  for (let i = 0; i < EVALS; i++) simulateCase(cases[i % cases.length], calendar);
}, 5);
const evalsPerSecond = Math.round((EVALS / evalMs) * 1000);

// 2. addWorkingDays vs findWorkday over the same inputs (official years only: chinese-days knows no others)
const random = mulberry32(20241010);
const INPUTS = 5_000;
const inputs = Array.from({ length: INPUTS }, () => ({
  date: addDays('2004-01-01', Math.floor(random() * 365 * 21)),
  n: 1 + Math.floor(random() * 60),
}));
const mismatches = inputs.filter(({ date, n }) => calendar.addWorkingDays(date, n) !== findWorkday(n, date));
if (mismatches.length > 0) {
  console.error(
    `addWorkingDays disagrees with findWorkday on ${mismatches.length} inputs, e.g.`,
    mismatches[0],
  );
  process.exit(1);
}
let sink = 0;
const oursMs = time(() => {
  for (const { date, n } of inputs) sink += calendar.addWorkingDays(date, n).length;
}, 7);
const theirsMs = time(() => {
  for (const { date, n } of inputs) sink += findWorkday(n, date).length;
}, 7);

console.log(
  JSON.stringify(
    {
      evaluations: { cases: EVALS, medianMs: Number(evalMs.toFixed(1)), perSecond: evalsPerSecond },
      addWorkingDays: {
        inputs: INPUTS,
        agreeWithFindWorkday: true,
        oursMedianMs: Number(oursMs.toFixed(2)),
        findWorkdayMedianMs: Number(theirsMs.toFixed(2)),
        speedup: `${(theirsMs / oursMs).toFixed(1)}x (findWorkday time / addWorkingDays time)`,
      },
      sink: sink > 0,
    },
    null,
    2,
  ),
);
