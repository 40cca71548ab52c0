/**
 * One problem found in the configuration. `source` is where the value came from: an environment
 * variable's name (`PORT`) or a file's path as configured (`config/vigil.yaml`). `field` is the
 * variable's name for the environment, the dotted path inside a file, or empty when the problem
 * concerns the whole file (unreadable, not YAML).
 */
export interface ConfigIssue {
  readonly source: string;
  readonly field: string;
  readonly message: string;
}

export function formatConfigIssue(issue: ConfigIssue): string {
  const where =
    issue.field === '' || issue.field === issue.source
      ? issue.source
      : `${issue.source}: ${issue.field}`;
  return `${where}: ${issue.message}`;
}
