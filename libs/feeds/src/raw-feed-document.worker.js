import { parentPort, workerData } from 'node:worker_threads';
import { parseRawFeedDocument } from './raw-feed-document.parser.js';

const outcome = await parseRawFeedDocument(workerData);
try {
  parentPort.postMessage(outcome);
} catch (error) {
  parentPort.postMessage({
    status: 'parse_error',
    message: `the parsed document could not be passed back: ${error instanceof Error ? error.message : String(error)}`,
  });
}
