/**
 * PNG of a chart as it is on screen: its SVG, with every element's computed style written
 * inline (the CSS variables and component classes do not travel with a standalone SVG), drawn
 * on a canvas at `scale`× over the panel's background, with the chart's own canvas layers
 * (dense scatter dots) drawn underneath in place.
 */

const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant-numeric',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'shape-rendering',
  'visibility',
  'display',
];

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLE_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
  target.setAttribute('style', style);
  const a = source.children;
  const b = target.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i], b[i]);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    image.src = url;
  });
}

export async function chartToPng(container: HTMLElement, scale = 2): Promise<Blob> {
  const svg = container.querySelector('svg');
  if (!svg) throw new Error('no chart to export');
  const box = container.getBoundingClientRect();
  const svgBox = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(svgBox.width));
  clone.setAttribute('height', String(svgBox.height));
  for (const overlay of clone.querySelectorAll('.overlay')) overlay.remove();
  const text = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(box.width * scale);
    canvas.height = Math.round(box.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas');
    ctx.scale(scale, scale);
    ctx.fillStyle = getComputedStyle(container).getPropertyValue('--surface').trim() || '#ffffff';
    ctx.fillRect(0, 0, box.width, box.height);
    for (const layer of container.querySelectorAll('canvas')) {
      const r = layer.getBoundingClientRect();
      ctx.drawImage(layer, r.left - box.left, r.top - box.top, r.width, r.height);
    }
    ctx.drawImage(image, svgBox.left - box.left, svgBox.top - box.top, svgBox.width, svgBox.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
