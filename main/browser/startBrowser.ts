import { parseArgs } from 'node:util';
import { runBrowserHost } from './browserHost';

/**
 * npm run start:browser [-- --no-open] [--config FILE] [--port N] [--data DIR] [--headless] [--no-county]
 */
const { values } = parseArgs({
  options: {
    'no-open': { type: 'boolean', default: false },
    config: { type: 'string' },
    port: { type: 'string' },
    data: { type: 'string' },
    headless: { type: 'boolean', default: false },
    'no-county': { type: 'boolean', default: false },
  },
  strict: true,
});

const port = values.port ? Number(values.port) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
  console.error(`--port must be a port number, got ${values.port}`);
  process.exit(2);
}

try {
  const handle = await runBrowserHost({
    open: !values['no-open'],
    configFile: values.config,
    dataDir: values.data,
    port,
    ...(values['no-county'] ? { demoCounty: false } : {}),
    headless:
      values.headless ||
      (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux'),
  });
  const shutdown = () => void handle.stop();
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await handle.done;
  process.exit(0);
} catch (error) {
  console.error(`Cunban could not start: ${(error as Error).message}`);
  process.exit(1);
}
