import { Field, Int, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { ErrorCode, errorCodes, errorHttpStatus } from '../core/errors';

/** The one list of error codes as a GraphQL enum: what `extensions.code` may hold. */
export const ErrorCodeEnum = Object.fromEntries(Object.keys(errorCodes).map((code) => [code, code])) as { [C in ErrorCode]: C };

registerEnumType(ErrorCodeEnum, {
  name: 'ErrorCode',
  description: 'Every value `extensions.code` of an error can hold (docs/errors.md lists them with their HTTP statuses).',
  valuesConfig: Object.fromEntries(Object.entries(errorCodes).map(([code, description]) => [code, { description }])) as Record<ErrorCode, { description: string }>,
});

@ObjectType('ErrorCodeInfo', { description: 'One error code, what it means and the HTTP status a response carries when the code ends it.' })
export class ErrorCodeInfoType {
  @Field(() => ErrorCodeEnum, { description: 'The value `extensions.code` carries.' })
  code!: ErrorCode;

  @Field({ description: 'What the code means and what the caller can do about it.' })
  description!: string;

  @Field(() => Int, { nullable: true, description: 'HTTP status of a response the code ends before execution; null when it is a field error (status 200).' })
  httpStatus!: number | null;
}

/** The error list exported as data, so clients can generate their handling from the schema. */
export function errorCodeInfos(): ErrorCodeInfoType[] {
  return (Object.keys(errorCodes) as ErrorCode[]).map((code) =>
    Object.assign(new ErrorCodeInfoType(), { code, description: errorCodes[code], httpStatus: errorHttpStatus[code] ?? null }),
  );
}

@Resolver()
export class ErrorCodesResolver {
  @Query(() => [ErrorCodeInfoType], { description: 'Every error code this API sends in `extensions.code`, with its meaning and HTTP status. Needs no scope.' })
  errorCodes(): ErrorCodeInfoType[] {
    return errorCodeInfos();
  }
}
