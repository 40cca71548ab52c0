import { type DestinationStream } from 'pino';

/** A pino destination that keeps what it is given, for specs. */
export interface CaptureDestination extends DestinationStream {
  readonly chunks: string[];
  /** The JSON lines written so far, parsed. */
  records(): Record<string, unknown>[];
}

export function captureDestination(): CaptureDestination {
  const chunks: string[] = [];
  return {
    chunks,
    write(chunk: string) {
      chunks.push(chunk);
    },
    records() {
      return chunks
        .join('')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}
