import { beginTestRun } from '@app/platform';

/**
 * Names the run before any test file starts: every Redis prefix and test database the files
 * create carries the name (libs/testing), and jest-global-teardown.js deletes them by it.
 */
export default function globalSetup() {
  beginTestRun();
}
