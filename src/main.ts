// `npm start`: read config, open the database, migrate, load modules, listen.
import { ConfigError } from './platform/config.ts';
import { startServer } from './server.ts';

try {
  const { stop, ctx } = await startServer();
  const shutdown = (signal: string) => {
    ctx.log.info('shutting down', { signal });
    stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  throw e;
}
