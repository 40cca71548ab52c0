import { readFile } from 'node:fs/promises';

/** Resident memory of a process as the kernel counts it, bytes. */
export interface ResidentMemory {
  /** VmRSS: resident now. */
  readonly rss: number;
  /** VmHWM: the most it has been resident since it started. */
  readonly peak: number;
}

export async function residentMemory(pid: number): Promise<ResidentMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return { rss: kibibytesOf(status, 'VmRSS') * 1024, peak: kibibytesOf(status, 'VmHWM') * 1024 };
}

function kibibytesOf(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`/proc status has no ${field}`);
  return Number(match[1]);
}
