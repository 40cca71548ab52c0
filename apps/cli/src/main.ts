import { runMain } from '@app/platform';
import { start } from './start.command.js';

const USAGE = `Usage: vigil <command>

Commands:
  start    run the api and the worker in one process (embedded store unless DATABASE_URL)
  help     show this text

Configuration comes from the environment (see .env.example) and config/*.yaml.`;

const [command] = process.argv.slice(2);
switch (command) {
  case 'start':
    runMain(start);
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
