// Names for downloaded pictures: the capture's name without its extension, safe on every file system.

export function exportFileName(captureName: string | null, ext: 'svg' | 'png'): string {
  const base = (captureName ?? 'capture').replace(/\.(pcapng|pcap|cap)(\.gz)?$/i, '').replace(/[^\w.-]+/g, '_').replace(/^[._]+|_+$/g, '');
  return `radscope-timeline-${base || 'capture'}.${ext}`;
}
