import { Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { keyScopes } from '../../core/caller';
import { ApiKeyScope, ViewerType } from './viewer.types';

const scopeOrder = new Map(keyScopes.map((scope, index) => [scope, index]));

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { description: 'The caller as the API sees it: key prefix, scopes, budget per minute and what is left of it. Needs no scope.' })
  viewer(@Ctx() ctx: Context): ViewerType {
    const budget = ctx.budget();
    return Object.assign(new ViewerType(), {
      anonymous: ctx.caller.anonymous,
      keyPrefix: ctx.caller.keyPrefix ?? null,
      scopes: [...ctx.caller.scopes].sort((a, b) => scopeOrder.get(a)! - scopeOrder.get(b)!) as string[] as ApiKeyScope[],
      budgetPerMinute: budget.limit,
      remainingBudget: budget.remaining,
      budgetResetsInSeconds: budget.limit === null ? null : budget.resetSeconds,
      requestCost: ctx.cost ?? null,
    });
  }
}
