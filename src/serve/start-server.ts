// Starts `koe serve` on a host and port (0 = any free port), refusing an unsafe binding: a host other than
// loopback needs a token or read-only mode.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type ServeOptions } from './app.js';
import { createWorkspaceRebuild } from './workspace-rebuild.js';
import { createReadCache } from './read-cache.js';

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

export class UnsafeBindError extends Error {
  override name = 'UnsafeBindError';
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions & { host?: string; port?: number }): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const loopback = LOOPBACK_HOSTS.includes(host);
  if (!loopback && !options.token && !options.readOnly) {
    throw new UnsafeBindError(`--host ${host} serves other machines: give --token SECRET (or --read-only) so strangers cannot read or change the database`);
  }
  // On loopback without a token, only loopback names are accepted in the Host header (DNS rebinding guard).
  const allowedHosts = loopback && !options.token ? ['127.0.0.1', 'localhost', '[::1]', '::1'] : null;
  const reads = options.reads ?? createReadCache(options.db);
  const rebuild = options.rebuild ?? createWorkspaceRebuild(options.db, options.themeConfig ?? {});
  const app = createApp({ ...options, allowedHosts, reads, rebuild });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, (info: AddressInfo) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            reads.stop(); // no prefetch read after the caller closes the database
            // A rebuild still running is stopped: its transaction rolls back, the next writer marks its run failed.
            server.close(() => void Promise.all([reads.idle(), rebuild.stop()]).then(() => done()));
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}
