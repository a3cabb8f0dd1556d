import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Scopes as GraphQL enum values; stored and typed on the command line in lower case. */
export enum ApiKeyScope {
  READ = 'read',
  STREAM = 'stream',
  ADMIN = 'admin',
}

registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'What an API key may do.',
  valuesConfig: {
    READ: { description: 'Run queries.' },
    STREAM: { description: 'Open subscriptions (graphql-ws).' },
    ADMIN: { description: 'Operator fields: `ingestionStatus` and `/metrics` where keys are required.' },
  },
});

@ObjectType('Viewer', { description: 'Who the API takes the caller to be, and what is left of its budget this minute.' })
export class ViewerType {
  @Field({ description: 'True when no key was sent (allowed only where the server does not require keys).' })
  anonymous!: boolean;

  @Field(() => String, { nullable: true, description: 'The visible prefix of the key sent (`csk_<prefix>_…`); null when anonymous.' })
  keyPrefix!: string | null;

  @Field(() => [ApiKeyScope], { description: 'What the caller may do. An anonymous caller of a server that allows it may do everything.' })
  scopes!: ApiKeyScope[];

  @Field(() => Int, { nullable: true, description: 'Points the caller may spend per minute (per key, or per client address when anonymous); null when budgets are off.' })
  budgetPerMinute!: number | null;

  @Field(() => Int, { nullable: true, description: 'Points left in the current minute after this request; null when budgets are off.' })
  remainingBudget!: number | null;

  @Field(() => Int, { nullable: true, description: 'Seconds until the budget is whole again (the minute ends); null when budgets are off.' })
  budgetResetsInSeconds!: number | null;

  @Field(() => Int, { nullable: true, description: 'What this very request cost, points (src/app/cost.ts; the `viewer` field alone costs 2).' })
  requestCost!: number | null;
}
