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

  it('says a backfill older than the venue keeps is out of reach, in its output and in status', async () => {
    const from = new Date(Date.now() - 33 * 86_400_000);
    const to = new Date(Date.now() - 31 * 86_400_000);
    const output = await cascade('backfill', 'binance', 'open-interest', '--from', from.toISOString(), '--to', to.toISOString(), '--no-progress');
    const shortfall = /backfill binance open-interest: asked from (\S+); the venue serves only from (\S+): earlier data not available/.exec(output);
    expect(shortfall?.[1]).toBe(from.toISOString());
    // Binance openInterestHist keeps 30 days (less an hour's margin), counted from the run's clock.
    const servedFromMs = Date.parse(shortfall?.[2] ?? '');
    expect(Math.abs(servedFromMs - (Date.now() - 30 * 86_400_000 + 3_600_000))).toBeLessThan(60_000);
    // Status shows the latest run's note: the backfill's last day-long window, still too old.
    const status = JSON.parse(await cascade('status'));
    const lastWindowFrom = new Date(from.getTime() + 86_400_000).toISOString();
    expect(status).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'binance', dataset: 'open-interest', state: 'OK', history: expect.stringContaining(`asked from ${lastWindowFrom}; the venue serves only from`) })]));
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
