// "Export SVG" and "Export PNG": the drawn timeline (axis, lanes, legend) as one standalone SVG whose
// styles are inlined from the page (so the theme's colours travel with it), and a PNG of it at 2x through
// an Image and a canvas. Nothing leaves the browser: both are downloads made from blobs.

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
  'display',
];

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A copy of `src` with the computed style of every element written into its style attribute. */
function inlined(src: Element): Element | null {
  if (src.classList.contains('tl-hit') || src.classList.contains('tl-no-export')) return null;
  const dst = src.cloneNode(false) as Element;
  const cs = getComputedStyle(src);
  const decl: string[] = [];
  for (const p of STYLE_PROPS) {
    const v = cs.getPropertyValue(p);
    if (v) decl.push(`${p}:${v}`);
  }
  dst.setAttribute('style', decl.join(';'));
  for (const a of [...dst.attributes]) {
    if (a.name === 'class' || a.name === 'tabindex' || a.name === 'role' || a.name.startsWith('aria-')) dst.removeAttribute(a.name);
  }
  for (const child of src.childNodes) {
    if (child.nodeType === Node.ELEMENT_NODE) {
      const c = inlined(child as Element);
      if (c) dst.appendChild(c);
    } else if (child.nodeType === Node.TEXT_NODE) {
      dst.appendChild(child.cloneNode(false));
    }
  }
  return dst;
}

export interface ExportPart {
  svg: SVGSVGElement;
  y: number;
}

export interface ComposedSvg {
  text: string;
  width: number;
  height: number;
}

/** One standalone SVG from the parts stacked at their y, on `background`, under an optional caption. */
export function composeSvg(parts: readonly ExportPart[], width: number, background: string, caption: string | null): ComposedSvg {
  const captionH = caption ? 28 : 0;
  const root = document.createElementNS(SVG_NS, 'svg');
  let height = captionH;
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  root.appendChild(bg);
  if (caption) {
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', '12');
    t.setAttribute('y', '19');
    const fg = parts[0] ? getComputedStyle(parts[0].svg).color : '#000';
    t.setAttribute('style', `fill:${fg};font-size:13px;font-weight:600;font-family:${getComputedStyle(parts[0]?.svg ?? document.body).fontFamily}`);
    t.textContent = caption;
    root.appendChild(t);
  }
  for (const p of parts) {
    const c = inlined(p.svg);
    if (!c) continue;
    const h = Number(p.svg.getAttribute('height')) || p.svg.getBoundingClientRect().height;
    c.setAttribute('x', '0');
    c.setAttribute('y', String(captionH + p.y));
    c.setAttribute('width', String(width));
    c.setAttribute('height', String(h));
    root.appendChild(c);
    height = Math.max(height, captionH + p.y + h);
  }
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root);
  return { text, width, height };
}

/** Browsers refuse canvases much larger than this on a side. */
const MAX_CANVAS_SIDE = 16000;

/** The SVG drawn at `scale` into a canvas, as a PNG blob. */
export async function svgToPng(svg: ComposedSvg, background: string, scale = 2): Promise<Blob> {
  const s = Math.min(scale, MAX_CANVAS_SIDE / svg.width, MAX_CANVAS_SIDE / svg.height);
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the timeline picture could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * s);
    canvas.height = Math.round(svg.height * s);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas in this browser');
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
