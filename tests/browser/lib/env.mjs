// Where the things under test are. ctest passes them by environment (tests/browser/CMakeLists.txt);
// run by hand, the defaults point at the installed tree (out/bin, out/www) of this checkout.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');

function firstExisting(...candidates) {
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  return candidates.find(Boolean);
}

export const serverBinary = process.env.NOVATALK_SERVER ||
  firstExisting(path.join(repoRoot, 'out/bin/novatalk-server'),
                path.join(repoRoot, 'build/native/server/novatalk-server'));
export const wwwDir = process.env.NOVATALK_WWW || path.join(repoRoot, 'out/www');
export const outDir = process.env.NOVATALK_OUT || path.join(repoRoot, 'out');
export const chromiumPath = process.env.NOVATALK_CHROMIUM || '/usr/bin/chromium';
// Everything in these tests is slow on 2 shared cores (wasm + SwiftShader + WebRTC, several
// pages): timeouts are generous and can be stretched as a whole.
export const timeScale = Number(process.env.NOVATALK_TIME_SCALE || 1);
export const ms = (n) => Math.round(n * timeScale);

// Why the suite cannot run here, or null. Tests skip (not fail) with this reason.
export function missingPrerequisite() {
  if (!serverBinary || !fs.existsSync(serverBinary)) return `server binary not found (${serverBinary}); set NOVATALK_SERVER`;
  if (!fs.existsSync(path.join(wwwDir, 'index.html'))) return `built site not found (${wwwDir}/index.html); set NOVATALK_WWW`;
  if (!fs.existsSync(chromiumPath)) return `chromium not found at ${chromiumPath}`;
  return null;
}
