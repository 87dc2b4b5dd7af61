// The Debian programs the tests and the bench run against (docs/DESIGN.md §2 test bed). As root (CI)
// they are installed with apt-get; otherwise the exact install command is printed and we fail.
// Nothing is ever skipped because a program is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Package → a file that proves it is installed. */
export const packages = {
  chromium: '/usr/bin/chromium',
  'fonts-noto-cjk': '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  kamailio: '/usr/sbin/kamailio',
  'kamailio-websocket-modules': '/usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so',
  'sip-tester': '/usr/bin/sipp',
  // The media gateway (userspace rtpengine) between plain-RTP callers and the WebRTC console;
  // Kamailio's rtpengine.so module ships in the kamailio package itself.
  'rtpengine-daemon': '/usr/bin/rtpengine',
  // The reference softphone the bench compares registration and answer times with.
  'baresip-core': '/usr/bin/baresip',
};

/** Installs what is missing (root) or explains what to install; returns false on failure. */
export function ensurePackages(names, { log = console.log } = {}) {
  const missing = names.filter((n) => !existsSync(packages[n]));
  if (missing.length === 0) return true;
  if (process.getuid?.() !== 0) {
    console.error(
      `Missing Debian packages: ${missing.join(', ')}.\n` +
        `Install them with:  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n` +
        '(npm test and npm run bench install these themselves when run as root, as CI does.)',
    );
    return false;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing ${missing.join(' ')} (apt-get)`);
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  return run(['update', '-qq']) && run(['install', '-y', '-qq', ...missing]);
}
