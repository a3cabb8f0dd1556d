// Statements per request, counted where they run: pg_stat_statements on the bench server is
// reset, N requests are sent one after another, and the calls recorded for the database are
// read back. Statements called at least once per two requests are the request's own; the rest
// (budget reconciliation every second, key and registry cache refreshes) are listed apart.
import { withClient } from './database.mjs';

export async function enableStatStatements(databaseUrl) {
  await withClient(databaseUrl, (client) => client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'));
}

export async function countStatements({ databaseUrl, send, requests = 200 }) {
  return withClient(databaseUrl, async (client) => {
    await client.query('SELECT pg_stat_statements_reset()');
    for (let i = 0; i < requests; i += 1) await send();
    const { rows } = await client.query(
      `SELECT query, calls::int AS calls FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'
       ORDER BY calls DESC`,
    );
    const own = rows.filter((r) => r.calls >= requests / 2);
    const background = rows.filter((r) => r.calls < requests / 2);
    const sum = (list) => list.reduce((total, r) => total + r.calls, 0);
    const brief = (r) => ({ calls: r.calls, query: r.query.replace(/\s+/g, ' ').slice(0, 160) });
    return {
      requests,
      perRequest: Math.round((sum(own) / requests) * 100) / 100,
      allPerRequest: Math.round((sum(rows) / requests) * 100) / 100,
      statements: own.map(brief),
      background: background.map(brief),
    };
  });
}
