import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** The quiet zone around the code, in modules: QR readers need four. */
const MARGIN = 4;

/** The dark modules of a QR code for `text` as one SVG path: a horizontal run of dark modules is one rectangle. */
export function qrPath(text: string): { readonly size: number; readonly d: string } {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const count = code.getModuleCount();
  const runs: string[] = [];
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; ) {
      if (!code.isDark(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < count && code.isDark(row, col)) col += 1;
      runs.push(`M${start + MARGIN} ${row + MARGIN}h${col - start}v1h${start - col}z`);
    }
  }
  return { size: count + 2 * MARGIN, d: runs.join('') };
}

/**
 * A QR code drawn as React SVG elements (nothing is set as markup), dark on a light square in both themes, as
 * cameras read it best. `label` says what it encodes, for screen readers and for the person who cannot scan.
 */
export function QrCode({ text, label, pixels = 192 }: { readonly text: string; readonly label: string; readonly pixels?: number }) {
  const { size, d } = useMemo(() => qrPath(text), [text]);
  return (
    <svg className="qr-code" role="img" aria-label={label} width={pixels} height={pixels} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" data-testid="qr-code" data-text={text}>
      <rect width={size} height={size} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}
