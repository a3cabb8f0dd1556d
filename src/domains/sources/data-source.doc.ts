import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../core/paths';
import { dataSourceCatalog } from './data-source.catalog';

export const dataSourcesDocFile = path.join(projectRoot, 'docs', 'data-sources.md');
const begin = '<!-- data-source table: generated from src/domains/sources/data-source.catalog.ts by `npm run schema`; a test fails when it is stale -->';
const end = '<!-- end of data-source table -->';

const cell = (value: string | null | undefined) => (value ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The one-row-per-dataset table of docs/data-sources.md, as the `dataSources` query serves it. */
export function renderDataSourceTable(): string {
  const rows = dataSourceCatalog.map((e) =>
    `| \`${e.source}\` | ${cell(e.venue)} | ${e.dataset} | ${cell(e.endpoint)} | ${cell(e.units)} | ${e.sidedness} | ${e.completeness}${e.requiresEnv ? ` (needs \`${e.requiresEnv}\`)` : ''} | ${cell(e.historyLimit)} | ${cell(e.rateLimitWeight)} | [page](${e.docUrl}), read ${e.read} |`,
  );
  return [
    begin,
    '',
    '| source | venue | dataset | endpoint / route | units | sidedness | completeness | history limit | rate-limit weight | documentation |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    end,
  ].join('\n');
}

/** docs/data-sources.md with its table section replaced by the catalog's (the rest is prose, kept). */
export function renderDataSourcesDoc(current: string): string {
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`${dataSourcesDocFile} has no generated table markers`);
  return current.slice(0, from) + renderDataSourceTable() + current.slice(to + end.length);
}

export function writeDataSourcesDoc(): string {
  writeFileSync(dataSourcesDocFile, renderDataSourcesDoc(readFileSync(dataSourcesDocFile, 'utf8')));
  return dataSourcesDocFile;
}
