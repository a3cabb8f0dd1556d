import { IncomingMessage } from 'node:http';
import { Db } from '../db/sql';
import { keyPrefixOf } from '../domains/keys/key.service';
import { Caller } from '../core/caller';
import { addressBucket, Authenticator } from './auth';
import { databaseRetryAfterSeconds } from './db-faults';
import { CascadeError, ErrorCode } from '../core/errors';
import { httpError } from './gate';
import { rateLimitHeaders } from './http';
import { SharedBudgets } from './rate-limit';
import { SubscriptionCapOptions, SubscriptionCaps } from './subscription-caps';

export interface AccessOptions {
  /** CASCADE_REQUIRE_KEYS: refuse anonymous callers. */
  requireKeys?: boolean;
  /** Budgets on (CASCADE_RATE_LIMITS); off: nobody is limited, cost bounds still hold. */
  rateLimits?: boolean;
  keyPointsPerMinute?: number;
  anonymousPointsPerMinute?: number;
  /** Reconciliation period of the shared budgets, milliseconds. */
  rateSyncMs?: number;
  keyCacheTtlMs?: number;
  trustProxy?: string;
  /** The budgets' clock (tests pin it inside one minute). */
  now?: () => number;
  /** Live subscriptions per WebSocket and per caller (CASCADE_MAX_SUBSCRIPTIONS_PER_*). */
  subscriptionCaps?: SubscriptionCapOptions;
}

/** Points an address spends for each unknown or revoked key it presents (each costs a lookup). */
export const failedKeyPoints = 10;

/**
 * Who may call and how much: identifies the caller of a request (key or client address) and
 * refuses it before any work when the key is bad or the budget is spent.
 */
export class Access {
  readonly authenticator: Authenticator;
  readonly budgets: SharedBudgets;
  readonly subscriptionCaps: SubscriptionCaps;
  private readonly anonymousLimit: number | null;

  constructor(db: Db, options: AccessOptions = {}, onSyncError?: (error: unknown) => void) {
    const limits = options.rateLimits ?? false;
    this.anonymousLimit = limits ? (options.anonymousPointsPerMinute ?? 6000) : null;
    this.authenticator = new Authenticator(db, {
      requireKeys: options.requireKeys,
      keyPointsPerMinute: limits ? (options.keyPointsPerMinute ?? 6000) : null,
      anonymousPointsPerMinute: this.anonymousLimit,
      trustProxy: options.trustProxy,
      keyCacheTtlMs: options.keyCacheTtlMs,
    });
    this.budgets = new SharedBudgets(db, { enabled: limits, syncMs: options.rateSyncMs, now: options.now, onSyncError }).start();
    this.subscriptionCaps = new SubscriptionCaps(options.subscriptionCaps);
  }

  get requireKeys(): boolean {
    return this.authenticator.requireKeys;
  }

  /** The caller presenting `key` from `req`'s address; throws a coded error with its HTTP status. */
  async callerFor(req: IncomingMessage, key: string | undefined): Promise<Caller> {
    const clientAddress = this.authenticator.clientAddress(req);
    const address = `addr:${addressBucket(clientAddress)}`;
    const prefix = key === undefined ? undefined : keyPrefixOf(key);
    // A key never seen costs a database lookup, so an address guessing keys pays for each.
    if (prefix && !this.authenticator.knows(prefix)) {
      await this.budgets.prime(address, this.anonymousLimit);
      this.refuseIfSpent(address, this.anonymousLimit);
    }
    try {
      const caller = await this.authenticator.identify(key, clientAddress);
      // A caller's first request here this minute learns what other processes let it spend.
      await this.budgets.prime(caller.bucket, caller.budgetPerMinute);
      return caller;
    } catch (error) {
      if (!(error instanceof CascadeError)) throw error;
      if (key !== undefined && error.extensions.code === 'UNAUTHENTICATED') this.budgets.charge(address, this.anonymousLimit, failedKeyPoints);
      const code = error.extensions.code as ErrorCode;
      throw httpError(code, error.message, {}, code === 'SERVICE_UNAVAILABLE' ? { 'retry-after': String(databaseRetryAfterSeconds) } : {});
    }
  }

  /** RATE_LIMITED (429, Retry-After) when nothing is left of the caller's budget this minute. */
  refuseIfSpent(bucket: string, limit: number | null): void {
    const state = this.budgets.peek(bucket, limit);
    if (state.remaining === 0) {
      throw httpError(
        'RATE_LIMITED',
        `This caller's budget of ${limit} points for this minute is spent; retry after ${state.resetSeconds} s.`,
        { remaining: 0, budgetPerMinute: limit, retryAfterSeconds: state.resetSeconds },
        { 'retry-after': String(state.resetSeconds), ...rateLimitHeaders(state) },
      );
    }
  }

  /**
   * Charges a live subscription's tick or check what the equivalent query costs (`cost`, the
   * subscription's own estimate); RATE_LIMITED, which ends the subscription, when the budget
   * cannot pay it.
   */
  async chargeTick(caller: Caller, cost: number): Promise<void> {
    await this.budgets.prime(caller.bucket, caller.budgetPerMinute);
    const result = this.budgets.charge(caller.bucket, caller.budgetPerMinute, cost);
    if (result.allowed) return;
    throw new CascadeError(
      'RATE_LIMITED',
      `Subscription ended: its next update costs ${cost} points and ${result.remaining} are left this minute; resubscribe after ${result.resetSeconds} s.`,
      { cost, remaining: result.remaining, budgetPerMinute: caller.budgetPerMinute, retryAfterSeconds: result.resetSeconds },
    );
  }

  async stop(): Promise<void> {
    this.authenticator.stop();
    await this.budgets.stop();
  }
}
