export interface StaticServer {
  /** The served folder's URL, ending in '/'. */
  url: string;
  origin: string;
  /** Every request so far, in order. */
  requests: { method: string; path: string; at: number }[];
  close(): Promise<void>;
}

/** Serves `root` at the sub-path `base` (see serve-static.mjs). */
export function serveStatic(options: { root: string; base?: string; port?: number; host?: string }): Promise<StaticServer>;
