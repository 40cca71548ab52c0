import { runMain } from '@app/platform';
import { parseArgs } from 'node:util';
import { exportFeeds, importFeeds } from './feeds.command.js';
import { parseEventsTailArgs, tailEvents } from './events-tail.command.js';
import { parseDemoArgs } from './demo/demo-options.js';
import { parseReplayArgs, replay } from './replay.command.js';
import { runCliCommand } from './run-cli-command.js';
import {
  buildWatchlist,
  checkWatchlist,
  corpusFiles,
  testWatchlist,
  watchlistTestText,
} from './watchlist.command.js';

const USAGE = `Usage: vigil <command>

Commands:
  start                             run the api and the worker in one process
                                    (embedded store unless DATABASE_URL is set)
  demo [--once] [--seeds DIR]       see alerts arrive: local outlets publish the seed
                                    reports (DIR, default ../shared/corpus/seeds), Vigil
                                    alerts a local webhook receiver that verifies and
                                    prints each delivery; --once exits when done
  watchlist check [file]            validate a watchlist file (default WATCHLIST_FILE)
  watchlist test "<text>" [--file F]  explain which rules a text matches
  watchlist build <files...> [--out F] [--file W] [--quiet]
                                    propose aliases and rules for the people and
                                    organisations a corpus names, in W's topics
                                    (default WATCHLIST_FILE); progress on a terminal
  feeds export                      write the feeds as OPML 2.0 to stdout
  feeds import <file.opml>          add the OPML file's feeds not present yet
                                    (both through the admin API: ADMIN_TOKEN, VIGIL_URL)
  events tail [--type T]... [--stream S] [--from POSITION] [--url URL]
                                    follow the event log (through the admin API:
                                    ADMIN_TOKEN, and --url or VIGIL_URL)
  replay <view> [--url URL]         rebuild a view from the log, with progress
                                    (feeds-view, alerts-view, subscriptions-view,
                                    owed-work-view; a worker must be running)
  help                              show this text

Configuration comes from the environment, and from .env in the working directory (or the
file ENV_FILE names) for what the environment does not set; see .env.example. Tuning is in
config/*.yaml. LOG_LEVEL=debug adds the stack trace to an error.`;

const { positionals, values } = parseArgs({
  args: process.argv.slice(2),
  options: { file: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' } },
  allowPositionals: true,
  strict: false,
});
const [command, subcommand, argument] = positionals;
const file = typeof values.file === 'string' ? values.file : undefined;
switch (command) {
  case 'start':
    // Loaded only here: the api and the worker are most of the CLI's start-up time, and the
    // other commands need neither.
    runMain(async () => (await import('./start.command.js')).start());
    break;
  case 'demo':
    runCliCommand(
      'vigil demo',
      () => parseDemoArgs(process.argv.slice(3)),
      async (options) => (await import('./demo/demo.command.js')).runDemo(options),
    );
    break;
  case 'watchlist':
    if (subcommand === 'check') runMain(() => checkWatchlist(argument ?? file), 'vigil watchlist');
    else if (subcommand === 'test') {
      runCliCommand(
        'vigil watchlist',
        () => watchlistTestText(argument),
        (text) => testWatchlist(text, file),
      );
    } else if (subcommand === 'build') {
      const out = typeof values.out === 'string' ? values.out : undefined;
      runCliCommand(
        'vigil watchlist',
        () => corpusFiles(positionals.slice(2)),
        (files) => buildWatchlist(files, { out, file, quiet: values.quiet === true }),
      );
    } else {
      process.stderr.write(`vigil: unknown watchlist command "${subcommand ?? ''}"\n\n${USAGE}\n`);
      process.exitCode = 2;
    }
    break;
  case 'feeds':
    if (subcommand === 'export') runMain(exportFeeds, 'vigil feeds');
    else if (subcommand === 'import') runMain(() => importFeeds(argument), 'vigil feeds');
    else {
      process.stderr.write(`vigil: unknown feeds command "${subcommand ?? ''}"\n\n${USAGE}\n`);
      process.exitCode = 2;
    }
    break;
  case 'events':
    if (subcommand === 'tail') {
      runCliCommand(
        'vigil events tail',
        () => parseEventsTailArgs(process.argv.slice(4)),
        tailEvents,
      );
    } else {
      process.stderr.write(`vigil: unknown events command "${subcommand ?? ''}"\n\n${USAGE}\n`);
      process.exitCode = 2;
    }
    break;
  case 'replay':
    runCliCommand('vigil replay', () => parseReplayArgs(process.argv.slice(3)), replay);
    break;
  case undefined:
  case 'help':
  case '--help':
  case '-h':
    process.stdout.write(`${USAGE}\n`);
    break;
  default:
    process.stderr.write(`vigil: unknown command "${command}"\n\n${USAGE}\n`);
    process.exitCode = 2;
}
