import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/paths';
import { printCascadeSchema } from './schema';

export const schemaFile = path.join(projectRoot, 'schema', 'schema.graphql');

export function writeSchemaFile(): string {
  writeFileSync(schemaFile, printCascadeSchema());
  return schemaFile;
}
