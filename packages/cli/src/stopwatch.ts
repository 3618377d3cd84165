/**
 * Wall time per named stage, in seconds (2 decimals), for the `timing:` line and `--json`, recorded into `seconds`
 * (a later stage's watch can add to an earlier one's record). Starts now.
 */
export function stopwatch(seconds: Record<string, number> = {}): {
  seconds: Record<string, number>;
  lap(name: string): void;
} {
  let mark = performance.now();
  return {
    seconds,
    lap(name) {
      const now = performance.now();
      seconds[name] = Number(((now - mark) / 1000).toFixed(2));
      mark = now;
    },
  };
}
