// A fixed pool of worker threads answering requests one at a time each: the caller side (createThreadPool) and the
// worker side (serveRequests). Replies come back to the request that asked, whatever order threads finish in.
import { parentPort, type TransferListItem, type Worker } from 'node:worker_threads';
import { spawnWorker } from './spawn-worker.js';

export interface ThreadPool<Request, Reply> {
  readonly size: number;
  /** Runs on the first idle thread (waiting for one if all are busy). */
  run(request: Request): Promise<Reply>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

type ReplyMessage<Reply> = { seq: number; reply: Reply } | { seq: number; error: string };

/**
 * `size` threads running the worker module `workerName` (beside `callerUrl`), which answers with `serveRequests`.
 * `what` names the work in errors ("training failed in a worker thread: …").
 */
export function createThreadPool<Request, Reply>(
  callerUrl: string,
  workerName: string,
  workerData: unknown,
  size: number,
  what: string,
): ThreadPool<Request, Reply> {
  const slots: Slot[] = [];
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (err: Error) => void; slot: Slot }>();
  const waiting: (() => void)[] = [];
  let failure: Error | null = null;
  let seq = 0;

  const fail = (err: Error): void => {
    failure ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    for (const w of waiting.splice(0)) w();
  };

  for (let i = 0; i < size; i++) {
    const slot: Slot = { worker: spawnWorker(callerUrl, workerName, workerData), busy: false };
    slot.worker.on('message', (msg: ReplyMessage<Reply>) => {
      const p = pending.get(msg.seq);
      if (!p) return;
      pending.delete(msg.seq);
      p.slot.busy = false;
      waiting.shift()?.();
      if ('error' in msg) p.reject(new Error(`${what} failed in a worker thread: ${msg.error}`));
      else p.resolve(msg.reply);
    });
    slot.worker.on('error', (err) => fail(err));
    slot.worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`a ${what} worker thread exited with code ${code}`));
    });
    slots.push(slot);
  }

  const acquire = async (): Promise<Slot> => {
    for (;;) {
      if (failure) throw failure;
      // Claimed in the same tick it is found: requests made together must not all get the first idle thread.
      const idle = slots.find((s) => !s.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };

  return {
    size,
    async run(request) {
      const slot = await acquire();
      const id = ++seq;
      return new Promise<Reply>((resolve, reject) => {
        pending.set(id, { resolve, reject, slot });
        slot.worker.postMessage({ seq: id, request });
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/**
 * The worker side: answers each request with `handle` (errors are sent back as text). `transfer` names the buffers
 * of a reply that can be handed over instead of copied.
 */
export function serveRequests<Request, Reply>(
  handle: (request: Request) => Reply | Promise<Reply>,
  transfer: (reply: Reply) => TransferListItem[] = () => [],
): void {
  const port = parentPort;
  if (!port) throw new Error('serveRequests must run in a worker thread');
  port.on('message', (msg: { seq: number; request: Request }) => {
    Promise.resolve()
      .then(() => handle(msg.request))
      .then((reply) => port.postMessage({ seq: msg.seq, reply }, transfer(reply)))
      .catch((err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        port.postMessage({ seq: msg.seq, error: e.stack ?? e.message });
      });
  });
}
