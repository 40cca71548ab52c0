import { hostname } from 'node:os';
import { type DestinationStream, type Logger, pino } from 'pino';
import pinoPretty from 'pino-pretty';
import { type VigilConfig } from '../config/vigil-config.js';
import { REDACTED_PATHS, REDACTION_CENSOR } from './redacted-paths.js';

/**
 * The one pino logger of a process, writing JSON lines or pino-pretty's human format to
 * `destination` (stdout by default).
 */
export function createLogger(
  config: Pick<VigilConfig, 'logLevel' | 'logFormat'>,
  destination?: DestinationStream,
): Logger {
  const sink = destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: config.logLevel,
      // pid and hostname stay: many api and worker processes on many machines share one log.
      base: { service: 'vigil', pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACTED_PATHS], censor: REDACTION_CENSOR },
    },
    config.logFormat === 'pretty' ? prettyStream(sink, destination === undefined) : sink,
  );
}

/**
 * Formats each line in this thread, synchronously, rather than in a worker transport or
 * pino-pretty's piped stream: a CLI that exits, or a test that reads its capture, sees every
 * line at once, and any object with `write` can be the sink.
 */
function prettyStream(sink: DestinationStream, toTerminal: boolean): DestinationStream {
  const prettify = pinoPretty.prettyFactory({
    colorize: toTerminal && pinoPretty.isColorSupported,
    ignore: 'pid,hostname,service',
  });
  return {
    write(line: string) {
      sink.write(prettify(line));
    },
  };
}
