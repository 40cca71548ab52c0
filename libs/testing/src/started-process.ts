import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A process a test started, with what it wrote so far and how it ended. */
export interface StartedProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  readonly exit: Promise<ProcessExit>;
}

/** Starts a process with its stdout and stderr collected apart (stdin closed). */
export function startProcess(
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, 'stdio'>,
): StartedProcess {
  let stdout = '';
  let stderr = '';
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<ProcessExit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

/** Runs a process to its end: its exit, and all it wrote. */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, 'stdio'>,
): Promise<ProcessExit & { readonly stdout: string; readonly stderr: string }> {
  const started = startProcess(command, args, options);
  const exit = await started.exit;
  return { ...exit, stdout: started.stdout(), stderr: started.stderr() };
}

/** Sends SIGTERM to each child still running and waits until every one has exited. */
export async function stopProcesses(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map(
        (child) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
  );
}
