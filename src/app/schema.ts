import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchemaSync } from 'type-graphql';
import { resolvers } from './resolvers';

let built: GraphQLSchema | undefined;

/**
 * type-graphql insists on a PubSub once any @Subscription exists, but every subscription here
 * brings its own `subscribe` (a Postgres LISTEN feed), so topic-based publishing is refused.
 */
const noTopicPubSub = {
  publish(): void {
    throw new Error('Cascade subscriptions use their own `subscribe` feeds; topic publishing is not wired.');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('Cascade subscriptions use their own `subscribe` feeds; topic subscriptions are not wired.');
  },
};

/** The executable schema, built once per process from the resolver classes. */
export function buildCascadeSchema(): GraphQLSchema {
  built ??= buildSchemaSync({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
    pubSub: noTopicPubSub,
  });
  // type-graphql has no place to describe the root types themselves.
  const query = built.getQueryType();
  if (query && !query.description) query.description = 'Every read: assets, venues and instruments, and the market-structure series over them.';
  const subscription = built.getSubscriptionType();
  if (subscription && !subscription.description) {
    subscription.description = 'Live streams, over graphql-ws on the same URL as HTTP (ws://host:port/graphql).';
  }
  return built;
}

/** The SDL committed at schema/schema.graphql: sorted, so diffs show only real changes. */
export function printCascadeSchema(): string {
  return printSchema(lexicographicSortSchema(buildCascadeSchema())) + '\n';
}
