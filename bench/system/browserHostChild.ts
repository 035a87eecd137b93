import { runBrowserHost } from '../../main/browser/browserHost';

/**
 * The browser-host kiosk for the chaos day, as a child process the bench SIGKILLs and restarts
 * (the bench plays systemd's `Restart=always` of build/linux/cunban-kiosk.service). It is the
 * real `runBrowserHost`: host services, static server, WebSocket binding and the Chromium
 * supervisor, headless. Chromium also listens on a loopback DevTools port so the bench can watch
 * and drive the supervised page from outside. Prints `READY <url>` when the page is loading.
 *
 * argv: <dataDir> <configFile> <port> <devtoolsPort>
 */
const [dataDir, configFile, portText, devtoolsText] = process.argv.slice(2);
if (!dataDir || !configFile || !portText || !devtoolsText)
  throw new Error('usage: browserHostChild <dataDir> <configFile> <port> <devtoolsPort>');
const handle = await runBrowserHost({
  demoCounty: false,
  open: true,
  headless: true,
  port: Number(portText),
  dataDir,
  configFile,
  chromiumArgs: [`--remote-debugging-port=${devtoolsText}`, '--remote-debugging-address=127.0.0.1'],
  log: () => {},
});
process.stdout.write(`READY ${handle.url}\n`);
const shutdown = () => void handle.stop().then(() => process.exit(0));
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
await handle.done;
