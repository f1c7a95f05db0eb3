/**
 * A small Vector Remap Language mode for CodeMirror: highlighting by a stream tokenizer and
 * completion of function names. The server's catalog does not list VRL functions (yet), so the
 * names below are the standard library of VRL as documented for Vector 0.57.
 */
import { StreamLanguage, type StringStream } from '@codemirror/language';
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';

export const VRL_FUNCTIONS: readonly string[] = [
  'abs', 'append', 'array', 'assert', 'assert_eq', 'bool', 'camelcase', 'ceil', 'chunks', 'community_id', 'compact',
  'contains', 'contains_all', 'crc32', 'decode_base16', 'decode_base64', 'decode_gzip', 'decode_mime_q', 'decode_percent',
  'decode_punycode', 'decode_snappy', 'decode_zlib', 'decode_zstd', 'decrypt', 'del', 'downcase', 'encode_base16',
  'encode_base64', 'encode_gzip', 'encode_json', 'encode_key_value', 'encode_logfmt', 'encode_percent', 'encode_proto',
  'encode_punycode', 'encode_snappy', 'encode_zlib', 'encode_zstd', 'encrypt', 'ends_with', 'exists', 'filter', 'find',
  'flatten', 'float', 'floor', 'for_each', 'format_int', 'format_number', 'format_timestamp', 'from_unix_timestamp',
  'get', 'get_env_var', 'get_hostname', 'get_secret', 'get_timezone_name', 'hmac', 'includes', 'int', 'ip_aton',
  'ip_cidr_contains', 'ip_ntoa', 'ip_ntop', 'ip_pton', 'ip_subnet', 'ip_to_ipv6', 'ipv6_to_ipv4', 'is_array', 'is_boolean',
  'is_empty', 'is_float', 'is_integer', 'is_ipv4', 'is_ipv6', 'is_json', 'is_null', 'is_nullish', 'is_object', 'is_regex',
  'is_string', 'is_timestamp', 'join', 'kebabcase', 'keys', 'length', 'log', 'map_keys', 'map_values', 'match',
  'match_any', 'match_array', 'match_datadog_query', 'md5', 'merge', 'mod', 'now', 'object', 'parse_apache_log',
  'parse_aws_alb_log', 'parse_aws_cloudwatch_log_subscription_message', 'parse_aws_vpc_flow_log', 'parse_cef',
  'parse_common_log', 'parse_csv', 'parse_duration', 'parse_etld', 'parse_glog', 'parse_grok', 'parse_groks',
  'parse_influxdb', 'parse_int', 'parse_json', 'parse_key_value', 'parse_klog', 'parse_linux_authorization',
  'parse_logfmt', 'parse_nginx_log', 'parse_proto', 'parse_query_string', 'parse_regex', 'parse_regex_all',
  'parse_ruby_hash', 'parse_syslog', 'parse_timestamp', 'parse_tokens', 'parse_url', 'parse_user_agent', 'parse_xml',
  'pascalcase', 'push', 'random_bool', 'random_bytes', 'random_float', 'random_int', 'redact', 'remove', 'replace',
  'replace_with', 'reverse_dns', 'round', 'screamingsnakecase', 'seahash', 'set', 'set_secret', 'set_semantic_meaning',
  'sha1', 'sha2', 'sha3', 'shannon_entropy', 'sieve', 'slice', 'snakecase', 'split', 'starts_with', 'string',
  'strip_ansi_escape_codes', 'strip_whitespace', 'strlen', 'tag_types_externally', 'tally', 'tally_value', 'timestamp',
  'to_bool', 'to_float', 'to_int', 'to_regex', 'to_string', 'to_syslog_facility', 'to_syslog_level',
  'to_syslog_severity', 'to_unix_timestamp', 'truncate', 'type_def', 'unflatten', 'unique', 'unnest', 'upcase',
  'uuid_from_friendly_id', 'uuid_v4', 'uuid_v7', 'values', 'zip',
];

const KEYWORDS = new Set(['if', 'else', 'abort', 'return', 'null', 'true', 'false']);

interface VrlState {
  inString: false | '"' | "'";
}

function tokenString(stream: StringStream, state: VrlState, quote: '"' | "'"): string {
  let escaped = false;
  let ch: string | void;
  while ((ch = stream.next()) != null) {
    if (ch === quote && !escaped) {
      state.inString = false;
      return 'string';
    }
    escaped = !escaped && ch === '\\' && quote === '"';
  }
  return 'string';
}

export const vrlLanguage = StreamLanguage.define<VrlState>({
  name: 'vrl',
  startState: () => ({ inString: false }),
  token(stream, state) {
    if (state.inString) return tokenString(stream, state, state.inString);
    if (stream.eatSpace()) return null;
    if (stream.match('#')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^[srt]'/)) {
      state.inString = "'";
      return tokenString(stream, state, "'");
    }
    if (stream.peek() === '"') {
      stream.next();
      state.inString = '"';
      return tokenString(stream, state, '"');
    }
    if (stream.match(/^-?\d+(\.\d+)?/)) return 'number';
    if (stream.match(/^[.%][A-Za-z0-9_]*/)) return 'propertyName';
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) {
      const word = stream.current();
      if (KEYWORDS.has(word)) return word === 'true' || word === 'false' || word === 'null' ? 'atom' : 'keyword';
      if (stream.match(/^!?\(/, false)) return 'variableName.function'; // the tag, then its modifier (a bare 'function' is no tag)
      return 'variableName';
    }
    if (stream.match(/^(\?\?|==|!=|<=|>=|&&|\|\||=|\+|-|\*|\/|<|>|!|\|=)/)) return 'operator';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#' } },
});

/** Completes function names (with "!(" variants) and keywords while typing a word. */
export function vrlCompletions(context: CompletionContext): CompletionResult | null {
  const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  return {
    from: word.from,
    options: [
      ...VRL_FUNCTIONS.map((name) => ({ label: name, type: 'function', apply: `${name}(`, detail: 'function' })),
      ...[...KEYWORDS].map((k) => ({ label: k, type: 'keyword' })),
    ],
    validFor: /^[A-Za-z0-9_]*$/,
  };
}
