// Numbers as a learner types them: "3", "0.45", "23 writes", "1.5 s", "2,000 writes/s",
// "1,5" (a decimal comma).

const NUMBER = /^\s*([-+]?(?:\d[\d,]*(?:\.\d+)?|[.,]\d+))\s*[a-zA-Z%/]*\.?\s*$/;
/** 2,000 or 12,345,678: commas that group thousands. */
const GROUPED = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export function parseTypedNumber(text: string): number | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const raw = m[1]!;
  let plain: string;
  const commas = (raw.match(/,/g) ?? []).length;
  if (GROUPED.test(raw)) plain = raw.replaceAll(',', '');
  else if (commas === 0) plain = raw;
  else if (commas === 1 && !raw.includes('.')) plain = raw.replace(',', '.');
  else return undefined;
  const n = Number(plain);
  return Number.isFinite(n) ? n : undefined;
}

/** Within the tolerance, allowing for binary rounding of decimals (0.1 + 0.2). */
export function closeEnough(value: number, answer: number, tolerance: number): boolean {
  return Math.abs(value - answer) <= tolerance + 1e-9 * Math.max(1, Math.abs(answer));
}

/** 1.5 → "1.5", 2 → "2", 0.30000000000000004 → "0.3". */
export function showNumber(n: number): string {
  return String(Number(n.toFixed(6)));
}
