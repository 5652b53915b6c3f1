// Files the build put into the page (scripts/offline-build.ts): the bundled sample capture, as base64 in a
// <script type="application/octet-stream" data-embedded-file="..."> data block, which never runs. fetch() cannot
// read a file:// URL in Chromium, and a page opened from disk has nothing else to read it from; served over
// http(s), the data block also spares a request. In `npm run dev` there is no block and the file is fetched.

/** The file at `url` (relative to the page, as in public/): from the page when embedded, else fetched. */
export async function loadBundledFile(url: string, name: string): Promise<File> {
  const path = url.replace(/^\.\//, '');
  for (const block of document.querySelectorAll<HTMLScriptElement>('script[type="application/octet-stream"][data-embedded-file]')) {
    if (block.dataset['embeddedFile'] === path) return new File([decodeBase64(block.textContent ?? '')], name);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
  return new File([await response.blob()], name);
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
