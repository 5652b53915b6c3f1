/** The path of a usable Chromium executable, or null when there is none (see find-chromium.mjs). */
export function findChromium(): string | null;
