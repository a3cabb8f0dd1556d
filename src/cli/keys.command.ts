import { Command, InvalidArgumentError } from 'commander';
import { withCliDatabase } from './database';
import { KeyScope, keyScopes } from '../core/caller';
import { createApiKey, listApiKeys, revokeApiKey } from '../domains/keys/key.service';

function parseScopes(value: string): KeyScope[] {
  const scopes = [...new Set(value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const unknown = scopes.filter((s) => !(keyScopes as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) throw new InvalidArgumentError(`scopes are a comma-separated list of ${keyScopes.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
  return scopes as KeyScope[];
}

function parseRate(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 2_000_000_000) throw new InvalidArgumentError('the rate is a whole number of points per minute, at least 1');
  return Number(value);
}

/** `cascade keys create|list|revoke`: API keys for third parties (docs/security.md). */
export function keysCommand(): Command {
  const keys = new Command('keys').description('API keys: create (shown once), list, revoke');
  keys
    .command('create')
    .description('Create a key and print it once on stdout (only its SHA-256 hash is stored)')
    .requiredOption('--name <name>', 'who or what the key is for')
    .requiredOption('--scopes <scopes>', `comma-separated: ${keyScopes.join(', ')}`, parseScopes)
    .option('--rate <points>', 'budget in points per minute (default: CASCADE_KEY_POINTS_PER_MINUTE)', parseRate)
    .action(async (options: { name: string; scopes: KeyScope[]; rate?: number }) => {
      const { record, key } = await withCliDatabase((db) => createApiKey(db, { name: options.name, scopes: options.scopes, ratePointsPerMinute: options.rate }));
      console.error(`created key ${record.id} "${record.name}" (prefix ${record.prefix}, scopes ${record.scopes.join(',')}); it is shown only now:`);
      console.log(key);
    });
  keys
    .command('list')
    .description('Every key: id, name, prefix, scopes, rate, created and revoked times (never the key)')
    .action(async () => {
      const records = await withCliDatabase((db) => listApiKeys(db));
      if (records.length === 0) {
        console.log('no API keys yet: cascade keys create --name <name> --scopes read');
        return;
      }
      console.table(
        records.map((r) => ({
          id: r.id,
          name: r.name,
          prefix: r.prefix,
          scopes: r.scopes.join(','),
          ratePerMinute: r.ratePointsPerMinute ?? 'default',
          created: r.createdAt.toISOString(),
          revoked: r.revokedAt?.toISOString() ?? '-',
        })),
      );
    });
  keys
    .command('revoke')
    .description('Revoke a key by id or prefix; every API process refuses it within the key cache TTL (10 s)')
    .argument('<id>', 'the key id (from `keys list`) or its prefix')
    .action(async (id: string) => {
      const record = await withCliDatabase((db) => revokeApiKey(db, id));
      if (!record) throw new Error(`no key with id or prefix "${id}"`);
      console.log(`revoked key ${record.id} "${record.name}" (prefix ${record.prefix}) at ${record.revokedAt!.toISOString()}`);
    });
  return keys;
}
