import type { VerifyFailure } from './verify-stored.js';

/** Runs {@link verifyStored} on an IndexedDB database in a worker; the worker ends after one answer. */
export function verifyInWorker(database: string): Promise<VerifyFailure | undefined> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<VerifyFailure | undefined>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the verification worker failed'));
    };
    worker.postMessage({ database });
  });
}
