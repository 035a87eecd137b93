/**
 * A simulated receipt printer for the demo and for trying the kiosk by hand:
 *
 *   npx tsx drivers/printer/simulator/runPrinterSimulator.ts [--tcp PORT] [--paper 58mm|80mm] [--previews DIR]
 *
 * Without --tcp it makes a socat pty pair and prints the path the kiosk should open. Each receipt is
 * rendered to DIR as a PNG. Type on stdin to play the person at the printer:
 *   paper ok | paper near-end | paper out | cover open | cover closed | cutter jam | cutter ok | quit
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openPtyPair } from '../../virtualSerial/ptyPair';
import { PaperWidthSchema } from '../schemas';
import type { EscPosPrinterSimulator, SimulatedCondition } from './escposPrinterSimulator';
import { recordPreviews } from './previewRecorder';
import { PtyPrinterSimulator } from './ptyPrinterSimulator';
import { TcpPrinterSimulator } from './tcpPrinterSimulator';

const { values } = parseArgs({
  options: {
    tcp: { type: 'string' },
    paper: { type: 'string', default: '58mm' },
    previews: { type: 'string', default: '/tmp/cunban-receipts' },
  },
});
const paper = PaperWidthSchema.parse(values.paper);

let printer: EscPosPrinterSimulator;
let shutdown: () => Promise<void>;
if (values.tcp !== undefined) {
  const tcp = new TcpPrinterSimulator();
  const port = await tcp.listen(Number(values.tcp));
  printer = tcp.printer;
  shutdown = () => tcp.close();
  console.log(JSON.stringify({ event: 'listening', host: '127.0.0.1', port }));
} else {
  const pty = await openPtyPair();
  const sim = new PtyPrinterSimulator(pty.devicePath);
  await sim.open();
  printer = sim.printer;
  shutdown = async () => {
    await sim.close();
    await pty.close();
  };
  console.log(JSON.stringify({ event: 'ready', path: pty.hostPath }));
}

recordPreviews(printer, {
  paper,
  dir: values.previews,
  onPreview: (p) => console.log(JSON.stringify({ event: 'receipt', index: p.index, path: p.path })),
});
printer.on('discarded', (bytes) => console.log(JSON.stringify({ event: 'discarded', bytes })));

const commands: Record<string, Partial<SimulatedCondition>> = {
  'paper ok': { paper: 'ok' },
  'paper near-end': { paper: 'near-end' },
  'paper out': { paper: 'out' },
  'cover open': { coverOpen: true },
  'cover closed': { coverOpen: false },
  'cutter jam': { cutterJam: true },
  'cutter ok': { cutterJam: false },
};

const rl = createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  const cmd = line.trim().replace(/\s+/g, ' ');
  if (cmd === 'quit') {
    rl.close();
    return;
  }
  const change = commands[cmd];
  if (!change) {
    console.log(
      JSON.stringify({ event: 'unknown-command', command: cmd, known: [...Object.keys(commands), 'quit'] }),
    );
    return;
  }
  printer.set(change);
  console.log(JSON.stringify({ event: 'state', ...printer.state }));
});
rl.on('close', () => void shutdown().then(() => process.exit(0)));
process.on('SIGINT', () => rl.close());
process.on('SIGTERM', () => rl.close());
