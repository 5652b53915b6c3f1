// The page's raw DEFLATE for share links: the platform's CompressionStream through the core's
// webDeflateRaw (bounded inflate, so a crafted link cannot inflate to gigabytes), or null in a browser
// without it, for which the page says so instead of calling a good link damaged.

import { webDeflateRaw } from '../../core/report/share-link-bytes.ts';

export const pageDeflateRaw = webDeflateRaw();

export const NO_DEFLATE_MESSAGE =
  'This browser cannot make or read share links: it has no CompressionStream (Chrome 80, Edge 80, Firefox 113, Safari 16.4 or newer have it).';
