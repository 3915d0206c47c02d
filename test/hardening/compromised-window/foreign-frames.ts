/**
 * The frames a call to the main process may come from that are not our page (main/electron/trusted-sender.ts):
 * sub-frames, other origins, other pages of our origin, destroyed frames. Each as Electron's senderFrame shows it.
 */
import { APP_PAGE_URL } from '../../../main/electron/app-protocol-paths.js';

const topFrame = (url: string) => ({ url, parent: null });

export const FOREIGN_FRAMES = [
  ['a sub-frame of our page', { url: APP_PAGE_URL, parent: { url: APP_PAGE_URL } }],
  ['a sub-frame from the web inside our page', { url: 'https://evil.example/', parent: { url: APP_PAGE_URL } }],
  ['a page from the web (https)', topFrame('https://evil.example/index.html')],
  ['a page from the web (http://evil)', topFrame('http://evil/index.html')],
  ['a local file', topFrame('file:///tmp/evil/index.html')],
  ['the bundle loaded from file:// (the old way)', topFrame('file:///opt/Hostproof/resources/app.asar/dist/renderer/index.html')],
  ['another host on our scheme (app://other)', topFrame('app://other/index.html')],
  ['our host with a port', topFrame('app://hostproof:8080/index.html')],
  ['our host with credentials in the URL', topFrame('app://evil@hostproof/index.html')],
  ['another page of our origin', topFrame('app://hostproof/other.html')],
  ['a data: URL', topFrame('data:text/html,<script>hostproof.removeAccount()</script>')],
  ['about:blank', topFrame('about:blank')],
  ['a destroyed frame (null)', null],
  ['a frame with a garbage URL', topFrame('not a url')],
] as const;
