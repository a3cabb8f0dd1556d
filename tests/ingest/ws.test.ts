import { Batcher, WsCollector } from '../../src/ingest/ws';
import { eventually, startVenueServer, VenueServer } from '../support/venue-server';

describe('reconnecting WebSocket collector', () => {
  let venue: VenueServer;
  beforeEach(async () => {
    venue = await startVenueServer();
  });
  afterEach(() => venue.stop());

  it('declares a silent connection dead, reconnects and subscribes again', async () => {
    venue.answerPings = false;
    const errors: string[] = [];
    const collector = new WsCollector({
      name: 'test',
      url: `${venue.wsUrl}/feed`,
      subscriptions: () => [{ op: 'subscribe', args: ['a'] }],
      heartbeat: { intervalMs: 20, deadAfterMs: 100 },
      reconnect: { baseMs: 5, maxMs: 20 },
      onMessage: () => undefined,
      onError: (e) => errors.push(e.message),
    }).start();
    try {
      await eventually(() => venue.sockets.length >= 2 && venue.sockets[1].received.length > 0);
      expect(venue.sockets[1].received[0]).toEqual({ op: 'subscribe', args: ['a'] });
      expect(errors.some((e) => e.includes('no traffic for 100 ms'))).toBe(true);
    } finally {
      await collector.stop();
    }
  });

  it('stays connected while pongs arrive and delivers parsed messages', async () => {
    const received: unknown[] = [];
    const collector = new WsCollector({
      name: 'test',
      url: venue.wsUrl,
      heartbeat: { intervalMs: 20, deadAfterMs: 1000 },
      onMessage: (m) => received.push(m),
    }).start();
    try {
      await eventually(() => venue.openSockets().length === 1);
      venue.push({ n: 1 });
      venue.push('not json');
      venue.push({ n: 2 });
      await eventually(() => received.length === 2);
      // Many heartbeats (each answered) later, the first connection is still the only one.
      await eventually(() => venue.sockets[0].pings >= 8);
      expect(collector.connections).toBe(1);
      expect(venue.sockets).toHaveLength(1);
      expect(received).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      await collector.stop();
    }
    expect(venue.openSockets()).toHaveLength(0);
  });
});

describe('event batcher', () => {
  it('writes buffered events as one batch within the delay', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number>({ maxItems: 100, maxDelayMs: 20, write: async (items) => void batches.push(items) });
    for (let i = 0; i < 5; i++) batcher.add(i);
    expect(batches).toEqual([]);
    await eventually(() => batches.length === 1);
    expect(batches).toEqual([[0, 1, 2, 3, 4]]);
  });

  it('flushes at once when the batch is full', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number>({ maxItems: 3, maxDelayMs: 1000, write: async (items) => void batches.push(items) });
    batcher.addAll([1, 2, 3]);
    await eventually(() => batches.length === 1);
    expect(batches).toEqual([[1, 2, 3]]);
    await batcher.close();
  });

  it('keeps a batch whose write failed and writes it with the next flush', async () => {
    const written: number[] = [];
    let fail = true;
    const batcher = new Batcher<number>({
      maxItems: 10,
      maxDelayMs: 10,
      write: async (items) => {
        if (fail) {
          fail = false;
          throw new Error('database blip');
        }
        written.push(...items);
      },
    });
    batcher.addAll([1, 2]);
    await eventually(() => written.length === 2);
    batcher.add(3);
    await batcher.close();
    expect(written).toEqual([1, 2, 3]);
  });
});
