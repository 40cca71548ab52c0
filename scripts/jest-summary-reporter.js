/**
 * Ends every jest run with one plain line, `N passed, N failed[, N skipped]`, so CI and people
 * can tell at a glance a run that executed no test from a green one.
 */
export default class JestSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    process.stdout.write(`\n${skipped > 0 ? `${line}, ${skipped} skipped` : line}\n`);
  }
}
