// Worker-thread entry of the neighbour search's helper (knn-scan.ts): scans chunks of each job it is sent, writing
// into the job's shared arrays; the thread that sent it waits on shared memory, not on a reply.
import { parentPort } from 'node:worker_threads';
import { helpScan, type ScanJob } from './knn-scan.js';

parentPort?.on('message', (job: ScanJob) => helpScan(job));
