export interface SparklineOptions {
  width?: number;
  height?: number;
  /** Accessible description (already plain text; it is escaped by the caller's escaper). */
  title?: string;
}

/**
 * An inline SVG sparkline of a series (e.g. weekly counts): a line with a light area under it and a dot on the
 * last value. Scaled from 0 to the series maximum so a flat-zero series is a flat line at the bottom.
 */
export function sparklineSvg(values: readonly number[], escape: (s: string) => string, options: SparklineOptions = {}): string {
  const width = options.width ?? 120;
  const height = options.height ?? 28;
  const pad = 2;
  const max = Math.max(1, ...values);
  const n = values.length;
  const x = (i: number) => (n <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1));
  const y = (v: number) => height - pad - (v / max) * (height - 2 * pad);
  const pts = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  const title = options.title ? `<title>${escape(options.title)}</title>` : '';
  if (n === 0) return `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${title}</svg>`;
  const area = `M${x(0).toFixed(1)},${height - pad} L${pts.join(' L')} L${x(n - 1).toFixed(1)},${height - pad} Z`;
  const last = values[n - 1] ?? 0;
  return (
    `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${title}` +
    `<path d="${area}" class="spark-area"/>` +
    `<polyline points="${pts.join(' ')}" class="spark-line" fill="none"/>` +
    `<circle cx="${x(n - 1).toFixed(1)}" cy="${y(last).toFixed(1)}" r="2.2" class="spark-dot"/></svg>`
  );
}
