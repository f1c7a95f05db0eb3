/** Unified diff text (as the server's yamlDiff) split into lines to colour. */

export type DiffLineKind = 'add' | 'remove' | 'context' | 'hunk' | 'header';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  oldNo?: number;
  newNo?: number;
}

export function parseUnifiedDiff(text: string): DiffLine[] {
  const lines: DiffLine[] = [];
  let oldNo = 0;
  let newNo = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('+++') || line.startsWith('---')) {
      lines.push({ kind: 'header', text: line });
    } else if (line.startsWith('@@')) {
      const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      if (m) {
        oldNo = Number(m[1]);
        newNo = Number(m[2]);
      }
      lines.push({ kind: 'hunk', text: line });
    } else if (line.startsWith('+')) {
      lines.push({ kind: 'add', text: line.slice(1), newNo: newNo++ });
    } else if (line.startsWith('-')) {
      lines.push({ kind: 'remove', text: line.slice(1), oldNo: oldNo++ });
    } else if (line !== '' || lines.length > 0) {
      lines.push({ kind: 'context', text: line.startsWith(' ') ? line.slice(1) : line, oldNo: oldNo++, newNo: newNo++ });
    }
  }
  while (lines.at(-1)?.kind === 'context' && lines.at(-1)?.text === '') lines.pop();
  return lines;
}

export function diffStats(lines: DiffLine[]): { added: number; removed: number } {
  return {
    added: lines.filter((l) => l.kind === 'add').length,
    removed: lines.filter((l) => l.kind === 'remove').length,
  };
}

/** A value of an option change, short enough for a table cell. */
export function showValue(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** How one option change shows in the component diff: a multi-line text line by line, anything else as before → after. */
export type OptionDiffView =
  | { kind: 'lines'; lines: DiffLine[] }
  | { kind: 'values'; old: string; new: string };

export function optionDiffView(change: { old: unknown; new: unknown; lineDiff?: string }): OptionDiffView {
  if (change.lineDiff) {
    // The file header names the versions, which the dialog's title already says.
    return { kind: 'lines', lines: parseUnifiedDiff(change.lineDiff).filter((l) => l.kind !== 'header') };
  }
  return { kind: 'values', old: showValue(change.old), new: showValue(change.new) };
}
