/** Bad input on the command line: one line on stderr and exit 2, as for an unknown command. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
