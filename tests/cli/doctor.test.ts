import net from 'node:net';
import { doctorCatalog } from '../../src/ingest/doctor/catalog';
import { formatDoctorReport } from '../../src/ingest/doctor/report';
import { doctorExitCode, DoctorRow, runDoctor } from '../../src/ingest/doctor/run';
import { fixture, startVenueServer, venueEnv, VenueServer } from '../support/venue-server';
import { serveCanaryVenue } from '../ingest/venue-canaries';
import { serveDeribit, serveOkx } from '../ingest/venue-routes';
import { serveBinance, serveBybit } from '../ingest/venues';

/** Each stream route is listened to this long: many canaries at the loopback's 20 ms. */
const streamMs = 400;

const doctor = (venue: VenueServer, slug: string) => runDoctor(doctorCatalog, { only: [slug], env: venueEnv(venue, slug), streamMs, timeoutMs: 1000 });
const streamRow = (rows: DoctorRow[]) => rows.find((r) => r.dataset === 'liquidations' && r.endpoint.startsWith(r.source === 'okx' ? '/ws' : r.source === 'deribit' ? 'public/' : '/'))!;

describe.each([
  { slug: 'binance' as const, serve: serveBinance, endpoints: 8 },
  { slug: 'bybit' as const, serve: serveBybit, endpoints: 7 },
  { slug: 'okx' as const, serve: serveOkx, endpoints: 10 },
  { slug: 'deribit' as const, serve: serveDeribit, endpoints: 6 },
])('doctor against a healthy $slug loopback venue', ({ slug, serve, endpoints }) => {
  let venue: VenueServer;
  beforeAll(async () => {
    venue = await startVenueServer();
    serve(venue);
  });
  afterAll(() => venue.stop());

  it('reads every endpoint with the connector\'s own mapping, counts the stream\'s canary and exits 0', async () => {
    const canary = serveCanaryVenue(venue, slug);
    canary.startCanary();
    try {
      const rows = await doctor(venue, slug);
      expect(rows).toHaveLength(endpoints);
      expect(rows.filter((r) => r.state !== 'OK')).toEqual([]);
      expect(rows.every((r) => r.reachable && r.shape === 'ok')).toBe(true);
      const stream = streamRow(rows);
      expect(stream.canaryPerSecond).toBeGreaterThan(5);
      expect(stream.lagMs).not.toBeNull();
      expect(doctorExitCode(rows)).toBe(0);
      // One call per endpoint: a few weight units, never a page walk.
      expect(venue.requests.length).toBe(endpoints - 1);
    } finally {
      canary.stopCanary();
    }
  });
});

describe('doctor against a Binance loopback venue that changed or went quiet', () => {
  let venue: VenueServer;
  beforeEach(async () => {
    venue = await startVenueServer();
    serveBinance(venue);
  });
  afterEach(() => venue.stop());

  it('says DRIFT for an answer whose field was renamed, and for a stream event the mapping cannot read, and exits 1', async () => {
    // openInterest renamed to oi, as a venue does in a new API version.
    venue.route('/fapi/v1/openInterest', { symbol: 'BTCUSDT', oi: '81234.567', time: 1718000000123 });
    const canary = serveCanaryVenue(venue, 'binance');
    canary.startCanary();
    const [order] = fixture<any[]>('binance', 'force-order');
    const pushDrifted = setInterval(() => venue.push({ ...order, o: { ...order.o, S: 'SELL', z: undefined, q: undefined, qty: '0.25' } }), 50);
    try {
      const rows = await doctor(venue, 'binance');
      const openInterest = rows.find((r) => r.endpoint.startsWith('GET /fapi/v1/openInterest?'))!;
      expect(openInterest).toMatchObject({ reachable: true, state: 'DRIFT' });
      expect(openInterest.shape).toMatch(/openInterest/);
      expect(streamRow(rows)).toMatchObject({ state: 'DRIFT' });
      expect(rows.filter((r) => r.state === 'OK').length).toBe(6);
      expect(doctorExitCode(rows)).toBe(1);
      expect(formatDoctorReport(rows)).toMatch(/binance +open-interest +GET \/fapi\/v1\/openInterest\?symbol=BTCUSDT +yes +DRIFT/);
    } finally {
      clearInterval(pushDrifted);
      canary.stopCanary();
    }
  });

  it('says SILENT for a stream route that accepts and acknowledges, then sends nothing, and exits 1', async () => {
    serveCanaryVenue(venue, 'binance'); // acknowledges SUBSCRIBE; the canary is never started
    const rows = await doctor(venue, 'binance');
    const stream = streamRow(rows);
    expect(stream).toMatchObject({ reachable: true, state: 'SILENT', canaryPerSecond: 0, lagMs: null });
    expect(stream.detail).toBe('connected, but no btcusdt@markPrice@1s in 0.4 s');
    expect(doctorExitCode(rows)).toBe(1);
    expect(formatDoctorReport(rows)).toContain('binance liquidations /market/ws/!forceOrder@arr + btcusdt@markPrice@1s: silent: connected, but no btcusdt@markPrice@1s');
  });
});

describe('doctor offline', () => {
  it('says "unreachable" per source, plainly, and exits 2', async () => {
    // A port that was just free: nothing listens there.
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const env = { CASCADE_BINANCE_REST_URL: `http://127.0.0.1:${port}`, CASCADE_BINANCE_WS_URL: `ws://127.0.0.1:${port}` };
    const rows = await runDoctor(doctorCatalog, { only: ['binance'], env, streamMs, timeoutMs: 500 });
    expect(rows.map((r) => r.state)).toEqual(Array(8).fill('UNREACHABLE'));
    expect(doctorExitCode(rows)).toBe(2);
    const report = formatDoctorReport(rows);
    expect(report.split('\n')[1]).toMatch(/^binance +instruments +GET \/fapi\/v1\/exchangeInfo +unreachable +- +- +- +- +UNREACHABLE$/);
    // Said once for the source, with the reason.
    expect(report.split('\n').slice(10)).toEqual([expect.stringMatching(/^binance: unreachable: binance: network error on GET http:\/\/127\.0\.0\.1:\d+\/fapi\/v1\/exchangeInfo/)]);
  });
});
