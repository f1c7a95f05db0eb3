/**
 * JSON with whole numbers beyond 2^53 kept exactly. Vector options such as u64 limits reach 18446744073709551615,
 * which `JSON.parse` would round (and a saved draft would then change the value behind the user's back). Such numbers
 * are read as `bigint`, and written back as bare JSON numbers.
 */

/** Stands in front of a big integer's digits while it travels through JSON text as a string. */
const MARK = '\uE000';
const MARKED = new RegExp(`"${MARK}(-?\\d+)"`, 'g');

// Every JSON.stringify of a value holding a bigint (undo history, dirty checks) must work, and keep the digits.
if (!Object.prototype.hasOwnProperty.call(BigInt.prototype, 'toJSON')) {
  Object.defineProperty(BigInt.prototype, 'toJSON', {
    value(this: bigint) {
      return MARK + this.toString();
    },
    configurable: true,
    writable: true,
  });
}

/** Parses JSON text; integers outside the safe range become `bigint`. */
export function parseJson(text: string): unknown {
  const marked = markBigIntegers(text);
  if (marked === text) return JSON.parse(text);
  return JSON.parse(marked, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(MARK) && /^-?\d+$/.test(value.slice(1)) ? BigInt(value.slice(1)) : value,
  );
}

/** JSON text of a value; a `bigint` is written as a bare number with every digit. */
export function stringifyJson(value: unknown): string {
  return JSON.stringify(value).replace(MARKED, '$1');
}

/** The text with every whole number outside the safe range (outside strings) turned into a marked string. */
function markBigIntegers(text: string): string {
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      // skip the string, escapes included
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const start = i;
      i++;
      while (i < text.length && /[0-9.eE+-]/.test(text[i] ?? '')) i++;
      const token = text.slice(start, i);
      if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(from, start)}"${MARK}${token}"`;
        from = i;
      }
    } else {
      i++;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
