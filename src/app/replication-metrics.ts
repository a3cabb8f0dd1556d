import { Counter, Gauge, Registry } from 'prom-client';
import { ReplicationStatus } from '../db/read-route';
import { ReplicationProbe } from './server';

/**
 * Standby figures on /metrics, read at scrape time: reads answered by each server, whether the
 * standby answers, and how far it trails the primary (labelled with the standby's host:port). A
 * lag that cannot be measured (the standby is away) is left out of the scrape, not reported as 0.
 */
export function registerReplicationMetrics(registry: Registry, replication: ReplicationProbe): void {
  // Prometheus collects every metric of a scrape at once: they share one probe.
  let pending: Promise<ReplicationStatus> | undefined;
  const probe = () => (pending ??= replication.status().finally(() => (pending = undefined)));
  new Counter({
    name: 'cascade_db_reads_total',
    help: 'Request read statements answered, by server (standby, or primary when the standby could not answer)',
    labelNames: ['target'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [target, count] of Object.entries(replication.reads)) this.inc({ target }, count);
    },
  });
  new Gauge({
    name: 'cascade_db_reads_on_standby',
    help: '1 while request reads go to the standby, 0 while they fall back to the primary',
    registers: [registry],
    async collect() {
      this.set((await probe()).readsFrom === 'standby' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'cascade_db_standby_up',
    help: '1 when the read standby answered the probe of this scrape, else 0',
    labelNames: ['standby'] as const,
    registers: [registry],
    async collect() {
      const status = await probe();
      this.reset();
      this.set({ standby: status.standby }, status.standbyReachable ? 1 : 0);
    },
  });
  const lag = (name: string, help: string, value: (status: ReplicationStatus) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ['standby'] as const,
      registers: [registry],
      async collect() {
        const status = await probe();
        this.reset();
        const measured = value(status);
        if (measured !== null) this.set({ standby: status.standby }, measured);
      },
    });
  lag('cascade_db_replica_lag_seconds', "The standby's replay lag: 0 when it has replayed all the primary's WAL, else the age of its last replayed transaction", (s) => s.lagSeconds);
  lag('cascade_db_replica_lag_bytes', "WAL the standby has still to replay (the primary's current LSN minus the standby's replay LSN)", (s) => s.lagBytes);
}
