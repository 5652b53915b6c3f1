// Which name the capture itself resolved to an address: every A/AAAA record of an answer section binds its
// address to the name that was asked, following CNAME chains back (RFC 1035 section 3.6.2: a CNAME answer
// names the canonical name, whose addresses then follow). The chains are kept across responses too, since a
// stub may ask for the canonical name in a second query. So a later connection to 172.30.64.40 can say
// "login.microsoftonline.com (resolved in frame 13)" even when the A record belongs to a CDN name.

import { DnsType } from '../../dissect/dns-codes.ts';
import type { DnsMessage } from '../../dissect/dns-message.ts';
import { dnsNameKey } from '../../dissect/dns-name.ts';

/** CNAME hops followed back from an address record (real chains have 2-4; this bounds loops and abuse). */
export const MAX_CNAME_CHAIN = 16;
const MAX_FRAMES_PER_BINDING = 256;
/** Names an address may have before they are also indexed by name (a list scan is cheaper below this). */
const INDEX_FROM = 16;

export interface NameBinding {
  address: string;
  /** The name that was asked for (or, when no question led to it, the first alias of the chain). */
  name: string;
  /** From `name` to the owner of the address record, following CNAMEs: [asked, ..., owner]. */
  chain: string[];
  /** Frames of the responses that gave this address for this name, ascending (the first 255 and the latest). */
  frames: number[];
  /** Frame of the query answered by the first of them (0 when the query was not captured). */
  queryFrame: number;
}

export class DnsNameMap {
  /** CNAME target key -> keys of the names that alias it. */
  private readonly aliases = new Map<string, Set<string>>();
  /** Name key -> the name as first written in the capture. */
  private readonly spelled = new Map<string, string>();
  private readonly byAddress = new Map<string, NameBinding[]>();
  /** For addresses with many names (a CDN's): name -> binding, beside the list (which keeps their order). */
  private readonly byAddressName = new Map<string, Map<string, NameBinding>>();

  /** Takes the answer section of a response decoded in `frame`, answering the query of `queryFrame`. */
  addResponse(m: DnsMessage, frame: number, queryFrame: number): void {
    for (const r of m.records) {
      if (r.section === 'answer' && r.type === DnsType.CNAME && r.value !== null) {
        const target = this.key(r.value);
        let set = this.aliases.get(target);
        if (set === undefined) this.aliases.set(target, (set = new Set()));
        set.add(this.key(r.name));
      }
    }
    const asked = m.questions.length > 0 ? dnsNameKey(m.questions[0]!.name) : null;
    for (const r of m.records) {
      if (r.section !== 'answer' || r.value === null || (r.type !== DnsType.A && r.type !== DnsType.AAAA)) continue;
      const chain = this.chainTo(this.key(r.name), asked);
      this.bind(r.value, chain.map((k) => this.spelled.get(k) ?? k), frame, queryFrame);
    }
  }

  /** Every name bound to `address`, in the order first seen. */
  namesFor(address: string): readonly NameBinding[] {
    return this.byAddress.get(address) ?? [];
  }

  /** The name most recently resolved to `address` in a frame before `beforeFrame` (any frame by default). */
  nameFor(address: string, beforeFrame = Number.POSITIVE_INFINITY): NameBinding | null {
    let best: NameBinding | null = null;
    let bestFrame = -1;
    for (const b of this.byAddress.get(address) ?? []) {
      for (let i = b.frames.length - 1; i >= 0; i--) {
        const f = b.frames[i]!;
        if (f < beforeFrame) {
          if (f > bestFrame) {
            best = b;
            bestFrame = f;
          }
          break;
        }
      }
    }
    return best;
  }

  /** Addresses the capture resolved for `name` (directly or through CNAMEs). */
  addressesOf(name: string): string[] {
    const k = dnsNameKey(name);
    const out: string[] = [];
    for (const [address, bindings] of this.byAddress) {
      if (bindings.some((b) => dnsNameKey(b.name) === k)) out.push(address);
    }
    return out;
  }

  get size(): number {
    return this.byAddress.size;
  }

  private key(name: string): string {
    const k = dnsNameKey(name);
    if (!this.spelled.has(k)) this.spelled.set(k, name);
    return k;
  }

  /**
   * Walks CNAMEs back from `owner` (breadth first, at most MAX_CNAME_CHAIN hops, each name once) and returns
   * the path [start, ..., owner], where start is `asked` if reached, else the farthest alias found.
   */
  private chainTo(owner: string, asked: string | null): string[] {
    // no alias points at the owner (most answers: no CNAME): the chain is the owner alone
    const direct = this.aliases.get(owner);
    if (direct === undefined) return [owner];
    // the asked name aliases the owner itself: the search below would find it in its first step
    if (asked !== null && asked !== owner && direct.has(asked)) return [asked, owner];
    const parent = new Map<string, string | null>([[owner, null]]);
    let frontier = [owner];
    let farthest = owner;
    for (let hop = 0; hop < MAX_CNAME_CHAIN && frontier.length > 0 && !parent.has(asked ?? ''); hop++) {
      const next: string[] = [];
      search: for (const n of frontier) {
        for (const alias of this.aliases.get(n) ?? []) {
          if (parent.has(alias)) continue;
          parent.set(alias, n);
          next.push(alias);
          // found: the rest of the search could not change the path to it (a popular CDN name has
          // hundreds of aliases, and most answers name the asked name within the first hop)
          if (alias === asked) break search;
        }
      }
      if (next.length > 0) farthest = next[0]!;
      frontier = next;
    }
    const path: string[] = [];
    for (let n: string | null = asked !== null && parent.has(asked) ? asked : farthest; n !== null; n = parent.get(n) ?? null) path.push(n);
    return path;
  }

  private bind(address: string, chain: string[], frame: number, queryFrame: number): void {
    const name = chain[0]!;
    let list = this.byAddress.get(address);
    if (list === undefined) this.byAddress.set(address, (list = []));
    let index = list.length >= INDEX_FROM ? this.byAddressName.get(address) : undefined;
    if (index === undefined && list.length >= INDEX_FROM) {
      this.byAddressName.set(address, (index = new Map()));
      for (const b of list) if (!index.has(b.name)) index.set(b.name, b);
    }
    const existing = index !== undefined ? index.get(name) : list.find((b) => b.name === name);
    if (existing === undefined) {
      const b = { address, name, chain, frames: [frame], queryFrame };
      list.push(b);
      index?.set(name, b);
    } else if (existing.frames[existing.frames.length - 1] !== frame) {
      // keep the first frames and always the latest one
      if (existing.frames.length < MAX_FRAMES_PER_BINDING) existing.frames.push(frame);
      else existing.frames[MAX_FRAMES_PER_BINDING - 1] = frame;
    }
  }
}
