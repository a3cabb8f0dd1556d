/** The description every point-in-time `knownAt` argument carries. */
export const knownAtDescription =
  'Answer only from what Cascade had recorded by this time: a backtest sees no later data and revised values as they were. Null means everything known now.';
