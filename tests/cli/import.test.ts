import path from 'node:path';
import { Command } from 'commander';
import { buildCli, runCli } from '../../src/cli';
import { createTestDatabase, TestDatabase } from '../support/database';

const file = (name: string) => path.join(__dirname, '..', 'fixtures', 'imports', name);

/** Every command and sub-command throws instead of exiting, and writes into `lines`. */
function quiet(command: Command, lines: string[]): void {
  command.exitOverride().configureOutput({ writeOut: (text) => lines.push(text), writeErr: (text) => lines.push(text) });
  for (const child of command.commands) quiet(child, lines);
}

/** `cascade …` in-process: what it printed, and its exit code as the entry point would set it. */
async function cascade(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  try {
    const code = await runCli(['node', 'cascade', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('cascade import', () => {
  let database: TestDatabase;
  const saved = { ...process.env };
  const count = async (table: string) => (await database.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    Object.assign(process.env, { DATABASE_URL: database.url, CASCADE_LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    process.env = saved;
    await database.drop();
  });

  it('rejects a bad ETF flow file with file:line:column, exits 1 and writes nothing', async () => {
    const result = await cascade('import', 'etf-flows', file('etf-flows.bad.csv'));
    expect(result.code).toBe(1);
    expect(result.err).toBe(`${file('etf-flows.bad.csv')}:3:17: "2..7" in column FBTC is not a flow in US$ millions (negatives in parentheses, "-" for not reported)`);
    expect([await count('etf_flow'), await count('etf')]).toEqual([0, 0]);
  });

  it('rejects a bad cohort file the same way, before creating any cohort', async () => {
    const result = await cascade('import', 'cohorts', file('cohorts.bad.csv'));
    expect(result).toMatchObject({ code: 1, err: `${file('cohorts.bad.csv')}:3:16: cohort: unknown cohort "HODLERS" (known: EXCHANGES, LTH, MINERS, STH, WHALES)` });
    expect([await count('cohort_supply'), await count('holder_cohort')]).toEqual([0, 0]);
  });

  it('imports an ETF flow table and reports new, revised and unchanged rows', async () => {
    const first = await cascade('import', 'etf-flows', file('etf-flows.csv'));
    expect(first).toMatchObject({ code: 0, out: `import etf-flows ${file('etf-flows.csv')}: 28 rows — 28 new, 0 revised (old values kept), 0 unchanged` });
    const revised = await cascade('import', 'etf-flows', file('etf-flows.revised.csv'));
    expect(revised.out).toMatch(/29 rows — 1 new, 1 revised \(old values kept\), 27 unchanged$/);
    expect(await database.db.query(`SELECT DISTINCT origin FROM etf_flow`)).toEqual([{ origin: 'IMPORT' }]);
  });

  it('imports cohort supply and exchange flows', async () => {
    expect((await cascade('import', 'cohorts', file('cohorts.csv'))).out).toMatch(/: 5 rows — 5 new/);
    expect((await cascade('import', 'exchange-flows', file('exchange-flows.csv'))).out).toMatch(/: 2 rows — 2 new/);
    expect([await count('cohort_supply'), await count('exchange_flow')]).toEqual([5, 2]);
  });

  it('says so when the file cannot be read', async () => {
    const result = await cascade('import', 'cohorts', file('no-such-file.csv'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/no-such-file\.csv: cannot read the file \(ENOENT: no such file/);
  });

  it.each(['import', 'import etf-flows', 'import cohorts', 'import exchange-flows'])('documents `%s` in --help', async (line) => {
    const command = line.split(' ');
    const lines: string[] = [];
    const program = buildCli();
    quiet(program, lines);
    await expect(program.parseAsync(['node', 'cascade', ...command, '--help'])).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    expect(lines.join('')).toMatch(command.length === 1 ? /etf-flows[\s\S]*cohorts[\s\S]*exchange-flows/ : /<file>/);
  });
});
