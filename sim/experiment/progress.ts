/**
 * A progress bar on stderr for long experiments: replications done / total and an ETA.
 * Silent when stderr is not a terminal or when asked to be quiet.
 *
 * @module
 */

/** Receives progress as replications finish. */
export interface Progress {
  /** Sets the total (it may grow, e.g. with sequential replications). */
  setTotal(total: number): void;
  /** Counts `count` more finished replications. */
  advance(count?: number): void;
  /** Ends the bar (prints a final line). */
  finish(): void;
}

/** Formats seconds as `1h02m`, `3m05s` or `12s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, "0")}m`;
  if (minutes > 0) return `${minutes}m${String(rest).padStart(2, "0")}s`;
  return `${rest}s`;
}

/** The bar's text for `done` of `total` after `elapsedSeconds`. */
export function progressLine(
  label: string,
  done: number,
  total: number,
  elapsedSeconds: number,
): string {
  const width = 24;
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(fraction * width);
  const eta = done > 0 ? (elapsedSeconds / done) * (total - done) : NaN;
  return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ` +
    `${Math.round(fraction * 100)}% ETA ${formatDuration(eta)}`;
}

/** Whether progress goes to stderr: only on a terminal, and not when asked to be quiet. */
export function showsProgress(quiet = false): boolean {
  return !quiet && Deno.stderr.isTerminal();
}

/**
 * A progress bar on stderr, redrawn at most 10 times a second; a no-op when `quiet` or when
 * stderr is not a terminal. Uses the wall clock only for the display.
 */
export function createProgress(label: string, quiet = false): Progress {
  const active = showsProgress(quiet);
  const encoder = new TextEncoder();
  const started = performance.now();
  let total = 0;
  let done = 0;
  let lastDraw = -Infinity;
  const draw = (force: boolean) => {
    const now = performance.now();
    if (!active || (!force && now - lastDraw < 100)) return;
    lastDraw = now;
    const line = progressLine(label, done, total, (now - started) / 1000);
    Deno.stderr.writeSync(encoder.encode(`\r${line}\x1b[K`));
  };
  return {
    setTotal(value) {
      total = value;
      draw(false);
    },
    advance(count = 1) {
      done += count;
      draw(false);
    },
    finish() {
      draw(true);
      if (active) Deno.stderr.writeSync(encoder.encode("\n"));
    },
  };
}
