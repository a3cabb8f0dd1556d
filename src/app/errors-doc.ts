import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/paths';
import { ErrorCode, errorCodes, errorHttpStatus } from '../core/errors';

export const errorsDocFile = path.join(projectRoot, 'docs', 'errors.md');

/** docs/errors.md, generated from the one list in src/core/errors.ts (`npm run schema` writes it). */
export function renderErrorsDoc(): string {
  const rows = (Object.keys(errorCodes) as ErrorCode[]).map(
    (code) => `| \`${code}\` | ${errorHttpStatus[code] ?? '200 (field error)'} | ${errorCodes[code].replace(/\|/g, '\\|')} |`,
  );
  return [
    '# Error codes',
    '',
    '<!-- Generated from src/core/errors.ts by `npm run schema`; a test fails when it is stale. -->',
    '',
    'Every error Cascade sends carries one of these codes in `extensions.code`. The same list is in',
    'the schema as the enum `ErrorCode` and as data from `{ errorCodes { code description httpStatus } }`.',
    'An unexpected failure is always `INTERNAL_SERVER_ERROR` with an `errorId` that finds it in the',
    'server log; its message, stack and SQL never reach the caller.',
    '',
    'The status is the HTTP status of a response the code ends before the operation runs (or, for',
    'the database codes, of a response any field met it in); a field error in an otherwise',
    'answered operation keeps status 200.',
    '',
    '| code | HTTP status | meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export function writeErrorsDoc(): string {
  writeFileSync(errorsDocFile, renderErrorsDoc());
  return errorsDocFile;
}
