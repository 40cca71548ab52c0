import { testInfrastructure } from '@app/platform';
import { deleteTestRunData } from '@app/testing';

/**
 * Deletes every Redis key and drops every database the run's test files created, whether or
 * not each file cleaned up after itself (a failed or interrupted file never does), so a run
 * leaves the machine's Redis and PostgreSQL as it found them. Runs going on beside this one
 * have other names and are left alone.
 */
export default async function globalTeardown() {
  const { run } = testInfrastructure();
  if (run !== undefined) await deleteTestRunData(run);
}
