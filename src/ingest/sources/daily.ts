import { dayMs } from '../paging';
import { TimeWindow } from '../source';

/** The UTC days a window touches, for providers of daily values (dates, `to` exclusive). */
export interface DayWindow {
  /** YYYY-MM-DD of the day holding `from`. */
  firstDay: string;
  /** YYYY-MM-DD of the last day starting before `to`. */
  lastDay: string;
  contains(day: string): boolean;
}

export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function dayWindow(window: TimeWindow): DayWindow | null {
  const first = Math.floor(window.from.getTime() / dayMs) * dayMs;
  const last = Math.ceil(window.to.getTime() / dayMs) * dayMs - dayMs;
  if (last < first) return null;
  const [firstDay, lastDay] = [isoDay(first), isoDay(last)];
  return { firstDay, lastDay, contains: (day) => day >= firstDay && day <= lastDay };
}
