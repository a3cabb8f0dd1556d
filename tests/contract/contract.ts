import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/core/paths';

/**
 * The public contract the schema must keep. The repository carries its own copy so a clone with
 * nothing beside it tests itself; the shared original (../shared, present in the workspace the
 * project grew in) is compared with that copy only when it exists.
 */
export const contractCopy = path.join(projectRoot, 'tests', 'contract', 'api-contract.graphql');
export const sharedContract = path.resolve(projectRoot, '..', 'shared', 'api-contract.graphql');
export const sharedContractPresent = existsSync(sharedContract);
