import { Command, Option } from 'commander';
import { doctorCatalog } from '../ingest/doctor/catalog';
import { formatDoctorReport } from '../ingest/doctor/report';
import { doctorExitCode, runDoctor } from '../ingest/doctor/run';

/**
 * `cascade doctor`: what an operator runs after a venue announces a change. Needs no database:
 * it calls the venues (the configured URLs, CASCADE_<SOURCE>_REST_URL / _WS_URL) and prints what
 * it found. Exit 1 on drift or a silent stream, 2 when sources are unreachable (offline), else 0.
 */
export function doctorCommand(): Command {
  return new Command('doctor')
    .description("Call each venue's endpoints once and listen to each stream route for a few seconds; check every answer against the connector's parsing")
    .addOption(new Option('--source <slugs...>', 'only these sources').choices(Object.keys(doctorCatalog)))
    .option('--seconds <n>', 'how long to listen to each stream route', '5')
    .action(async (options: { source?: string[]; seconds: string }) => {
      const seconds = Number(options.seconds);
      if (!(seconds > 0 && seconds <= 60)) throw new Error(`--seconds must be a number of seconds in (0, 60], not "${options.seconds}"`);
      const rows = await runDoctor(doctorCatalog, { only: options.source, streamMs: seconds * 1000 });
      console.log(formatDoctorReport(rows));
      process.exitCode = doctorExitCode(rows);
    });
}
