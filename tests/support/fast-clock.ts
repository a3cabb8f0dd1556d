import { ServerClock } from '../../src/core/clock';

/** A clock whose sleeps move time forward at once: hours of ticks in milliseconds. */
export function fastClock(startMs: number): ServerClock {
  let now = startMs;
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        if (!signal.aborted) now += ms;
        setImmediate(resolve);
      }),
  };
}
