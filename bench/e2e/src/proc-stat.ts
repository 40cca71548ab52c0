import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second and page size, as the kernel counts them in /proc/<pid>/stat. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
const PAGE_BYTES = Number(execFileSync('getconf', ['PAGESIZE']).toString().trim());

export interface ProcSample {
  /** User + system CPU time since the process started. */
  readonly cpuSeconds: number;
  readonly rssBytes: number;
}

/** CPU time and resident set of a process from /proc/<pid>/stat; undefined once it is gone. */
export function procSample(pid: number): ProcSample | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces: count fields from the closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const rssPages = Number(fields[21]);
  return { cpuSeconds: (utime + stime) / TICKS_PER_SECOND, rssBytes: rssPages * PAGE_BYTES };
}
