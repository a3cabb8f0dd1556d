import { buildCli } from '../../src/cli';
import { backfillWindows } from '../../src/cli/backfill.command';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startVenueServer, venueEnv, VenueServer } from '../support/venue-server';
import { serveBinance } from '../ingest/venues';

/** Runs the CLI in-process, as `npm run cascade -- …` would, capturing what it prints. */
async function cascade(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void lines.push(parts.join(' ')));
  const table = jest.spyOn(console, 'table').mockImplementation((rows: unknown) => void lines.push(JSON.stringify(rows)));
  try {
    const program = buildCli();
    for (const command of [program, ...program.commands]) {
      command.exitOverride().configureOutput({ writeOut: (text) => lines.push(text), writeErr: (text) => lines.push(text) });
    }
    await program.parseAsync(['node', 'cascade', ...args]);
  } finally {
    log.mockRestore();
    table.mockRestore();
  }
  return lines.join('\n');
}

describe('the cascade CLI: backfill and status', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const saved = { ...process.env };

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveBinance(venue);
    Object.assign(process.env, { DATABASE_URL: database.url, CASCADE_LOG_LEVEL: 'silent' }, venueEnv(venue, 'binance'));
  });
  afterAll(async () => {
    process.env = saved;
    await venue.stop();
    await database.drop();
  });

  it('cuts a backfill into day-long windows covering the range exactly', () => {
    const windows = backfillWindows(new Date('2025-10-01T12:00:00Z'), new Date('2025-10-03T06:00:00Z'));
    expect(windows.map((w) => [w.from.toISOString(), w.to.toISOString()])).toEqual([
      ['2025-10-01T12:00:00.000Z', '2025-10-02T12:00:00.000Z'],
      ['2025-10-02T12:00:00.000Z', '2025-10-03T06:00:00.000Z'],
    ]);
  });

  it('backfills a dataset into the database and reports it in status', async () => {
    const output = await cascade('backfill', 'binance', 'instruments', '--from', '2024-06-10', '--to', '2024-06-11', '--no-progress');
    expect(output).toContain('backfill binance instruments: 1 windows');
    const instruments = await database.db.query(`SELECT symbol FROM instrument ORDER BY symbol`);
    expect(instruments.map((r) => r.symbol)).toContain('BTCUSDT');
    const status = await cascade('status');
    expect(JSON.parse(status)).toEqual([expect.objectContaining({ source: 'binance', dataset: 'instruments', lastError: '-' })]);
  });

  it('refuses an unknown dataset, naming what the source offers', async () => {
    await expect(cascade('backfill', 'binance', 'etf-flows', '--from', '2024-06-10')).rejects.toThrow(/has no dataset "etf-flows".*offers: instruments/);
  });

  it('refuses a date that is not one, naming the option', async () => {
    await expect(cascade('backfill', 'binance', 'funding', '--from', '10/10/2025x')).rejects.toThrow(/--from: "10\/10\/2025x" is not a date/);
  });

  it.each([['backfill'], ['status'], ['schema']])('documents `%s` in --help', async (command) => {
    await expect(cascade(command, '--help')).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
  });
});
