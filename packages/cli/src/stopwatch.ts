/** Wall time per named stage, in seconds (2 decimals), for the `timing:` line and `--json`. */
export function stopwatch(): { seconds: Record<string, number>; lap(name: string): void; restart(): void } {
  const seconds: Record<string, number> = {};
  let mark = performance.now();
  return {
    seconds,
    lap(name) {
      const now = performance.now();
      seconds[name] = Number(((now - mark) / 1000).toFixed(2));
      mark = now;
    },
    restart() {
      mark = performance.now();
    },
  };
}
