import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

/**
 * Every venue payload Cascade replays in tests is evidence of how the venue answers; the
 * manifest beside it says where that evidence comes from: the endpoint or stream, the venue's
 * documentation page and the day it was read (issue 12, "Evidence beside every mapping").
 */
interface ManifestEntry {
  fixture: string;
  dataset: string;
  endpoint: string;
  docUrl: string;
  read: string;
  notes?: string;
}

const venuesDir = join(__dirname, '..', 'fixtures', 'venues');
const venueFolders = readdirSync(venuesDir).filter((name) => statSync(join(venuesDir, name)).isDirectory()).sort();

function manifestOf(venue: string): { venue: string; sources: ManifestEntry[] } {
  return JSON.parse(readFileSync(join(venuesDir, venue, 'manifest.json'), 'utf8'));
}

function fixturesOf(venue: string): string[] {
  return readdirSync(join(venuesDir, venue)).filter((name) => name !== 'manifest.json' && statSync(join(venuesDir, venue, name)).isFile()).sort();
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

describe('venue fixture manifests', () => {
  it('finds the venue folders', () => {
    expect(venueFolders).toEqual(expect.arrayContaining(['binance', 'bybit', 'okx', 'deribit', 'hyperliquid']));
  });

  describe.each(venueFolders)('%s', (venue) => {
    it('has a manifest.json naming the venue', () => {
      expect(existsSync(join(venuesDir, venue, 'manifest.json'))).toBe(true);
      expect(manifestOf(venue).venue).toBe(venue);
    });

    it('has a manifest entry for every fixture file, and a fixture file for every entry', () => {
      const described = manifestOf(venue).sources.map((entry) => entry.fixture).sort();
      expect({ venue, undocumented: fixturesOf(venue).filter((name) => !described.includes(name)) }).toEqual({ venue, undocumented: [] });
      expect({ venue, missingFiles: described.filter((name) => !existsSync(join(venuesDir, venue, name))) }).toEqual({ venue, missingFiles: [] });
      expect(new Set(described).size).toBe(described.length);
    });

    it('gives each entry a dataset, an endpoint, an https documentation URL and an ISO read date', () => {
      const problems = manifestOf(venue).sources.flatMap((entry) => {
        const found: string[] = [];
        if (!entry.dataset?.trim()) found.push('no dataset');
        if (!entry.endpoint?.trim()) found.push('no endpoint');
        let url: URL | null = null;
        try {
          url = new URL(entry.docUrl);
        } catch {
          found.push(`docUrl ${JSON.stringify(entry.docUrl)} is not a URL`);
        }
        if (url && url.protocol !== 'https:') found.push(`docUrl ${entry.docUrl} is not https`);
        if (typeof entry.read !== 'string' || !isIsoDate(entry.read)) found.push(`read ${JSON.stringify(entry.read)} is not an ISO date`);
        return found.map((problem) => `${entry.fixture}: ${problem}`);
      });
      expect(problems).toEqual([]);
    });

    it('holds fixtures that parse as the format their name says', () => {
      const unreadable = fixturesOf(venue)
        .filter((name) => name.endsWith('.json'))
        .filter((name) => {
          try {
            JSON.parse(readFileSync(join(venuesDir, venue, name), 'utf8'));
            return false;
          } catch {
            return true;
          }
        });
      expect(unreadable).toEqual([]);
    });
  });
});
