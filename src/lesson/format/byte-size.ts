// Byte counts for people, shared by the engine's feedback and the UI (both below and above
// this layer read sizes the same way).

const SIZE_UNITS = ['kB', 'MB', 'GB', 'TB'] as const;

/**
 * Bytes in 1024-based units, as pg_size_pretty words them: `340 B`, `1.2 kB`, `6.2 GB`; one
 * decimal below 10, whole numbers above (`300 GB`, not `300.0 GB`).
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit: string = 'B';
  for (const u of SIZE_UNITS) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return value < 9.95 ? `${value.toFixed(1)} ${unit}` : `${Math.round(value)} ${unit}`;
}
