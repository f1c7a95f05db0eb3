import { createContext, useContext, useEffect, useRef } from 'react';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, placeholder as placeholderExt } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { autocompletion, closeBrackets, completionKeymap } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { toml } from '@codemirror/legacy-modes/mode/toml';
import { tags } from '@lezer/highlight';
import { vrlCompletions, vrlLanguage } from './vrl.ts';

export type CodeLanguage = 'vrl' | 'yaml' | 'toml' | 'json' | 'text';

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#7c3aed', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: '#047857' },
  { tag: tags.number, color: '#b45309' },
  { tag: tags.atom, color: '#b45309' },
  { tag: tags.bool, color: '#b45309' },
  { tag: tags.comment, color: '#6b7280', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: '#1d4ed8' },
  { tag: tags.propertyName, color: '#be185d' },
  { tag: tags.definition(tags.propertyName), color: '#be185d' },
  { tag: tags.operator, color: '#374151' },
]);

function languageOf(lang: CodeLanguage): Extension[] {
  switch (lang) {
    case 'vrl':
      return [vrlLanguage, autocompletion({ override: [vrlCompletions] })];
    case 'yaml':
      return [yaml()];
    case 'toml':
      return [StreamLanguage.define(toml)];
    default:
      return [];
  }
}

interface Props {
  value: string;
  onChange?: (value: string) => void;
  language: CodeLanguage;
  readOnly?: boolean;
  minHeight?: number;
  maxHeight?: number;
  ariaLabel: string;
  testId?: string;
  placeholder?: string;
}

/** Set around a part of the page the user may only look at (a viewer's editor): every CodeEditor in it is read-only. */
export const ReadOnly = createContext(false);

/** CodeMirror 6 for VRL, YAML and TOML; the value is controlled but edits are not re-applied while typing. */
export function CodeEditor({ value, onChange, language, readOnly: ownReadOnly, minHeight = 80, maxHeight = 420, ariaLabel, testId, placeholder }: Props) {
  const readOnly = useContext(ReadOnly) || ownReadOnly;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const extensions: Extension[] = [
      lineNumbers(),
      history(),
      bracketMatching(),
      closeBrackets(),
      syntaxHighlighting(highlight),
      keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.lineWrapping,
      EditorState.readOnly.of(!!readOnly),
      EditorView.editable.of(!readOnly),
      EditorView.contentAttributes.of({ 'aria-label': ariaLabel, ...(testId ? { 'data-testid': testId } : {}) }),
      EditorView.theme({
        '&': { fontSize: '13px', border: '1px solid var(--border)', borderRadius: '6px', background: '#fff' },
        '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '0' },
        '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', minHeight: `${minHeight}px`, maxHeight: `${maxHeight}px` },
        '.cm-gutters': { background: '#f8fafc', borderRight: '1px solid var(--border)', color: '#94a3b8' },
      }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) changeRef.current?.(u.state.doc.toString());
      }),
      ...languageOf(language),
    ];
    if (placeholder) extensions.push(placeholderExt(placeholder));
    const v = new EditorView({ parent: host.current, state: EditorState.create({ doc: value, extensions }) });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // Recreated only when the language or mode changes; value changes are synced below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language, readOnly]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className="code-editor" />;
}
