// Small display helpers for the first page.

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${v.toFixed(v < 10 ? 1 : 0)} ${UNITS[u]}`;
}

/** `n` as toLocaleString('en-US') writes it ("1,333,577"). Integers are grouped here: the first
 * toLocaleString of a page loads ICU's number formats, a 20 ms stall in the first progress message. */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Names of the link types seen in RADIUS captures (tcpdump.org/linktypes.html); others show their number. */
const LINK_TYPES: Record<number, string> = {
  0: 'BSD loopback',
  1: 'Ethernet',
  101: 'Raw IP',
  105: 'IEEE 802.11',
  113: 'Linux cooked (SLL)',
  127: 'IEEE 802.11 + radiotap',
  228: 'Raw IPv4',
  229: 'Raw IPv6',
  276: 'Linux cooked v2 (SLL2)',
};

export function linkTypeName(linkType: number): string {
  const name = LINK_TYPES[linkType];
  return name ? `${name} (${linkType})` : `link type ${linkType}`;
}
