import { readFileSync } from 'node:fs';
import { contractCopy, sharedContract, sharedContractPresent } from './contract';

describe('the in-repository copy of the API contract', () => {
  (sharedContractPresent ? it : it.skip)('equals ../shared/api-contract.graphql when that folder exists', () => {
    expect(readFileSync(contractCopy, 'utf8')).toBe(readFileSync(sharedContract, 'utf8'));
  });

  it('is there, so a clone with nothing beside it has a contract to test against', () => {
    expect(readFileSync(contractCopy, 'utf8')).toMatch(/type Query/);
  });
});
