/**
 * One measured figure in the benchmark report. Machines here are shared and noisy, so a figure
 * is judged by its ratio to a reference measured in the same run (wire time, link limit,
 * raw database rate), not by its absolute value.
 */
export interface BenchFigure {
  /** What was measured, e.g. "card read end-to-end (p50)". */
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with, measured in the same run. */
  reference?: { name: string; value: number; unit: string };
  /** value ÷ reference (or reference ÷ value for rates), as the target states it. */
  ratio?: number;
  /** The target in words, e.g. "p95 < 2 ms" or "≤ 1.1× wire time". */
  target?: string;
  /** Whether the target was met in this run. */
  pass?: boolean;
  /** Anything a reader needs to interpret the figure (runs, sizes, setup). */
  note?: string;
}

/** Every `bench/*.bench.ts` default-exports one of these. */
export interface BenchSuite {
  /** Short name shown as the report's section title. */
  title: string;
  /** Issue this suite measures, e.g. 3. */
  issue?: number;
  run(): Promise<BenchFigure[]>;
}
