/**
 * `npm run start:web [-- --port 5175 --data-dir ./data --no-seed --new-token]`: runs the desk's
 * services under plain Node and prints the URL (with its token) to open in a browser.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage } from '@shared/common/errors';
import { createDesk } from '../core/desk';
import { createConsoleLogger, systemClock } from '../core/platform/ports';
import { seedDemoDeskIfEmpty } from '../dev/seed';
import { hostToken } from './host-token';
import { offsetFileClock } from './offset-clock';
import { chromiumPdfPrinter } from './pdf-printer';
import { startWebHost } from './server';
import pkg from '../../package.json';

const usage = `Courier Desk browser host (坐席工作台 · 浏览器模式)

Usage: npm run start:web -- [options]

  --port N            port on 127.0.0.1 (default 5175; 0 picks a free one)
  --data-dir DIR      the desk's data folder: desk.sqlite, keys, the host token (default ./data)
  --renderer-dir DIR  the built console to serve (default: the one built beside this file)
  --no-seed           do not load the demo data into an empty desk
  --new-token         issue a new access token (consoles opened with the old URL are refused)
  --clock-offset-file F
                      tests only: the desk's time is now + the milliseconds in file F
                      (re-read when it changes, only ever forward; see offset-clock.ts)
  -h, --help          this text

Open the printed URL (it carries the access token). The token is kept, owner-only, in the data
folder, so consoles left open reconnect by themselves after the host restarts.
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5175' },
      'data-dir': { type: 'string', default: './data' },
      'renderer-dir': { type: 'string', default: resolve(__dirname, '..', 'renderer') },
      'no-seed': { type: 'boolean', default: false },
      'new-token': { type: 'boolean', default: false },
      'clock-offset-file': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be 0–65535, got ${values.port}`);
  }
  const logger = createConsoleLogger();
  const offsetFile = values['clock-offset-file'];
  if (offsetFile !== undefined) {
    logger.warn('test clock: the desk time is moved by the offset file', { path: offsetFile });
  }
  const clock =
    offsetFile === undefined ? systemClock : offsetFileClock(resolve(offsetFile), { logger });
  const pdfPrinter = chromiumPdfPrinter();
  if (!pdfPrinter) logger.warn('no Chromium found (CHROMIUM_PATH): letters cannot be printed');
  const desk = createDesk({
    dataDir: resolve(values['data-dir']),
    host: 'web',
    appVersion: pkg.version,
    clock,
    logger,
    ...(!values['no-seed'] && { seedIfEmpty: seedDemoDeskIfEmpty }),
    warmUpSip: true,
    // Letters and reports: headless Chromium's print-to-PDF (pdf-printer.ts, ADR 0016).
    pdfPrinter,
  });
  const token = hostToken(resolve(values['data-dir']), logger, values['new-token']);
  const host = await startWebHost({
    desk,
    rendererDir: values['renderer-dir'],
    logger,
    port,
    token,
  });
  process.stdout.write(`\nCourier Desk (browser host) 坐席工作台已启动:\n  ${host.url}\n\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    host
      .close()
      .then(() => desk.dispose())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Courier Desk browser host failed to start: ${errorMessage(err)}\n`);
  process.exit(1);
});
