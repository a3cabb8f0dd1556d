import { ServerClock } from '../../core/clock';
import { Db } from '../../db/sql';
import { AssetRecord } from '../shared/registry';
import { assessRecovery, marketSnapshot } from './signals.service';
import { RecoveryAssessmentType, RecoveryThresholdsInput } from './signals.types';

/**
 * Judges the recovery conditions every `everyMs` and emits the assessment when any condition
 * flips (and once at the start, so a client knows where it stands). Ends at once when returned.
 * Every check after the first is paid for first (`payForCheck`, which throws to end the
 * subscription when the caller's budget cannot), emitted or not; subscribing paid for the first.
 */
export class RecoveryWatch implements AsyncIterableIterator<RecoveryAssessmentType> {
  private readonly abort = new AbortController();
  private last?: string;
  private checks = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: ServerClock,
    private readonly asset: AssetRecord,
    private readonly thresholds: RecoveryThresholdsInput,
    private readonly everyMs: number,
    private readonly payForCheck: () => Promise<void> = async () => undefined,
  ) {}

  async next(): Promise<IteratorResult<RecoveryAssessmentType>> {
    for (;;) {
      if (this.abort.signal.aborted) return { value: undefined, done: true };
      if (this.checks > 0) await this.payForCheck();
      this.checks += 1;
      const assessment = assessRecovery(await marketSnapshot(this.db, this.asset, new Date(this.clock.now())), this.thresholds);
      const state = assessment.conditions.map((c) => `${c.name}:${c.met}`).join(',');
      const changed = state !== this.last;
      this.last = state;
      if (changed) return { value: assessment, done: false };
      await this.clock.sleep(this.everyMs, this.abort.signal);
    }
  }

  async return(): Promise<IteratorResult<RecoveryAssessmentType>> {
    this.abort.abort();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<RecoveryAssessmentType> {
    return this;
  }
}
