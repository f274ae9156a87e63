import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the module `name` (a sibling of the caller, given by the caller's `import.meta.url`).
 * Compiled, the worker is plain JS. Running from TypeScript sources (tests, tsx), a worker thread does not inherit
 * the tsx loader, so a small bootstrap registers it in the thread before importing the .ts entry.
 */
export function spawnWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
