import type { EventSink, Stage } from './events.js';

/**
 * Wall time per stage, in seconds (2 decimals), recorded into `seconds` and reported as a `stage-done` event; a
 * stage's time runs from the previous lap (or the clock's start).
 */
export function stageClock(seconds: Partial<Record<Stage, number>>, emit: EventSink): (stage: Stage) => void {
  let mark = performance.now();
  return (stage) => {
    const now = performance.now();
    seconds[stage] = Number(((now - mark) / 1000).toFixed(2));
    mark = now;
    emit({ type: 'stage-done', stage, seconds: seconds[stage]! });
  };
}
