import 'reflect-metadata';
import { Command } from 'commander';
import { writeErrorsDoc } from './app/errors-doc';
import { writeDataSourcesDoc } from './domains/sources/data-source.doc';
import { writeSchemaFile } from './app/schema-file';
import { backfillCommand } from './cli/backfill.command';
import { doctorCommand } from './cli/doctor.command';
import { importCommand } from './cli/import.command';
import { statusCommand } from './cli/status.command';
import { keysCommand } from './cli/keys.command';

/** `npm run cascade -- <command>`: operator commands. Each has `--help`. */
export function buildCli(): Command {
  const program = new Command('cascade').description('Cascade operator commands').showHelpAfterError();
  program
    .command('schema')
    .description('Write the GraphQL SDL the code emits to schema/schema.graphql, docs/errors.md from the error list and the table of docs/data-sources.md from the data-source catalog')
    .action(() => {
      console.log(`wrote ${writeSchemaFile()}`);
      console.log(`wrote ${writeErrorsDoc()}`);
      console.log(`wrote ${writeDataSourcesDoc()}`);
    });
  program.addCommand(backfillCommand());
  program.addCommand(statusCommand());
  program.addCommand(importCommand());
  program.addCommand(keysCommand());
  program.addCommand(doctorCommand());
  return program;
}

/** Runs a command line; a failure prints its message on stderr and yields exit code 1. */
export async function runCli(argv: string[] = process.argv): Promise<number> {
  try {
    await buildCli().parseAsync(argv);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

if (require.main === module) {
  void runCli().then((code) => {
    if (code !== 0) process.exit(code);
  });
}
