/** Label selectors as people type them ("env=prod, region=eu") and as the API takes them ({k: v}). */

export interface ParsedSelector {
  labels: Record<string, string>;
  errors: string[];
}

const KEY = /^[A-Za-z0-9_.\/-]+$/;

export function parseSelector(text: string): ParsedSelector {
  const labels: Record<string, string> = {};
  const errors: string[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) {
      errors.push(`'${part}' is not key=value`);
      continue;
    }
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!KEY.test(key)) {
      errors.push(`'${key}' is not a valid label key`);
      continue;
    }
    if (key in labels && labels[key] !== value) errors.push(`'${key}' is given twice`);
    labels[key] = value;
  }
  return { labels, errors };
}

export function formatSelector(labels: Record<string, string> | null | undefined): string {
  if (!labels) return '';
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
