import { type ConfigIssue, formatConfigIssue } from './config-issue.js';

/** Thrown at boot when the configuration is invalid; the message lists every problem at once. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(['Invalid configuration:', ...issues.map(formatConfigIssue)].join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
