// Starting and stopping the HTTP server and the job worker. main.ts and `gapura serve` both use this.
import { serve, type ServerType } from '@hono/node-server';
import { loadConfig, type Config } from './platform/config.ts';
import { createContext, loadDemo } from './platform/boot.ts';
import { buildApp } from './platform/http/app.tsx';
import { modules } from './modules/index.ts';
import type { AppContext } from './platform/http/context.ts';
import { startWorker } from './platform/jobs/worker.ts';

export async function startServer(config: Config = loadConfig()): Promise<{ ctx: AppContext; server: ServerType; stop: () => Promise<void> }> {
  const ctx = await createContext(config, modules);
  if (config.demo) {
    const lines = await loadDemo(ctx);
    if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n\n`);
  }
  const app = buildApp(ctx);
  const worker = config.worker ? startWorker(ctx) : undefined;
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const addr = server.address();
  const port = addr && typeof addr === 'object' ? addr.port : config.port;
  ctx.log.info('Gapura is running', {
    url: listenUrl(config.host, port),
    ...(config.baseUrl !== `http://localhost:${config.port}` ? { publicUrl: config.baseUrl } : {}),
    port,
    database: ctx.dbKind,
    region: (await ctx.region()).name,
  });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await worker?.stop();
      await ctx.database.close();
    })());
  return { ctx, server, stop };
}

/** Where this process answers: the interface it listens on (all interfaces: localhost works). */
export function listenUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}
