import pino from 'pino';

/** Structured JSON logs (pino): one line per event, fields a log search can filter on. */
export function createLogger(level: string = process.env.CASCADE_LOG_LEVEL ?? 'info') {
  return pino({ level, base: { service: 'cascade' } });
}

export type Logger = ReturnType<typeof createLogger>;
