import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo', {
  description: 'Relay cursor-connection page info, so Relay and Apollo Client paging helpers work unchanged.',
})
export class PageInfoType {
  @Field({ description: 'True when more rows follow this page: pass `endCursor` as `after` to get them.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when this page was asked for with an `after` cursor (rows precede it).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null for an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor; null for an empty page." })
  endCursor!: string | null;
}
