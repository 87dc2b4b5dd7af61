/**
 * Fast path for the SIP headers every call and registration carries (ADR 0009). sip.js parses
 * each header with its generated PEG grammar — 0.2–0.5 ms per message on a CPU woken from idle,
 * the largest part of the desk's INVITE → ring and 401 → REGISTER times. This parses the plain
 * shapes real PBXs send (Kamailio, SIPp, sip.js itself) by hand and builds exactly what the
 * grammar builds, with sip.js's own URI and NameAddrHeader classes. Anything outside that strict
 * subset — escapes, IPv6, odd whitespace, rare parameters, every error — returns `undefined`,
 * and the grammar parses it as before. scripts/sipjs-patches.mjs installs it in front of
 * `Grammar.parse`; test/core/features/softphone/sipjs-patches.test.ts requires identical results to sip.js on a
 * corpus and thousands of mangled variants.
 */

type Params = Record<string, string | undefined>;

export interface SipJsGrammarClasses {
  URI: new (
    scheme: string,
    user: string | undefined,
    host: string,
    port: number | undefined,
    parameters?: Params,
    headers?: Record<string, string[]>,
  ) => unknown;
  NameAddrHeader: new (
    uri: unknown,
    displayName: string | undefined,
    parameters?: Params,
  ) => {
    setParam(key: string, value: string): void;
  };
}

/** `undefined`: not in the fast subset — let the grammar parse it. */
export type FastParse = (input: string, rule: string) => unknown;

// Methods the grammar knows by name, and extension methods none of those is a prefix of.
const METHODS = new Set([
  'INVITE',
  'ACK',
  'OPTIONS',
  'BYE',
  'CANCEL',
  'REGISTER',
  'SUBSCRIBE',
  'NOTIFY',
  'REFER',
  'PUBLISH',
  'INFO',
  'MESSAGE',
  'UPDATE',
  'PRACK',
]);

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HOSTNAME =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const PORT = /^(?:[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d\d|655[0-2]\d|6553[0-5])$/;
const USER = /^[A-Za-z0-9\-_.!~*'()+]+$/;
const PARAM_NAME = /^[a-z0-9\-_.+]+$/;
const URI_VALUE = /^[A-Za-z0-9\-_.]+$/;
const TOKEN_VALUE = /^[A-Za-z0-9\-_.!*+~]+$/;
const QUOTED_VALUE = /^"[\x20\x21\x23-\x5b\x5d-\x7e]*"$/;
const CALL_ID = /^[A-Za-z0-9\-.!%*_+`'~]+(?:@[A-Za-z0-9\-.!%*_+`'~]+)?$/;
const DIGITS = /^\d{1,9}$/;
const CONTENT_TYPE =
  /^(?:text|image|audio|video|application|message|multipart)\/[a-z0-9][a-z0-9.+-]*$/;
const REASON = /^[A-Za-z0-9 .\-'()]*$/;
const DISPLAY = /^"[^"\\\p{Cc}]*"$/u;
// URI parameters the grammar treats specially (some of them match a prefix of a longer name).
const URI_SPECIAL = /^(?:transport|user|method|ttl|maddr|lr)/;
const TRANSPORTS = /^(?:udp|tcp|sctp|tls)/;

function hostOk(host: string): 'IPv4' | 'domain' | null {
  if (IPV4.test(host)) return 'IPv4';
  // All digits and dots but not an IPv4 address: leave to the grammar.
  if (/^[\d.]+$/.test(host)) return null;
  return HOSTNAME.test(host) ? 'domain' : null;
}

/**
 * `name` or `name=value` with a plain lowercase name (not a prototype key) and a value `valueOk`
 * accepts; null when outside the subset.
 */
function param(
  part: string,
  valueOk: (value: string) => boolean,
): { name: string; value: string | undefined } | null {
  const eq = part.indexOf('=');
  const name = eq < 0 ? part : part.slice(0, eq);
  const value = eq < 0 ? undefined : part.slice(eq + 1);
  if (!PARAM_NAME.test(name) || name in Object.prototype) return null;
  if (value !== undefined && !valueOk(value)) return null;
  return { name, value };
}

const uriValue = (v: string) => URI_VALUE.test(v);
const tokenValue = (v: string) => TOKEN_VALUE.test(v);
const headerValue = (v: string) => TOKEN_VALUE.test(v) || QUOTED_VALUE.test(v);

export function createFastParse(classes: SipJsGrammarClasses): FastParse {
  const { URI, NameAddrHeader } = classes;

  /** A sip:/sips: URI with plain user, host, port and parameters, no headers; or null. */
  function uri(text: string): unknown {
    const colon = text.indexOf(':');
    const scheme = text.slice(0, colon);
    if (colon < 0 || !/^sips?$/i.test(scheme)) return null;
    let rest = text.slice(colon + 1);
    if (rest.includes('?')) return null;
    let user: string | undefined;
    const at = rest.indexOf('@');
    if (at >= 0) {
      user = rest.slice(0, at);
      if (!USER.test(user)) return null;
      rest = rest.slice(at + 1);
    }
    const parts = rest.split(';');
    const hostport = parts[0]!;
    const portAt = hostport.indexOf(':');
    const host = portAt < 0 ? hostport : hostport.slice(0, portAt);
    if (!hostOk(host)) return null;
    let port: number | undefined;
    if (portAt >= 0) {
      const digits = hostport.slice(portAt + 1);
      if (!PORT.test(digits)) return null;
      port = Number(digits);
    }
    let params: Params | undefined;
    for (let i = 1; i < parts.length; i++) {
      const p = param(parts[i]!, uriValue);
      if (!p) return null;
      const { name, value } = p;
      params ??= {};
      if (URI_SPECIAL.test(name)) {
        if (name === 'lr' && value === undefined) params.lr = undefined;
        else if (name === 'transport' && value !== undefined) {
          const v = value.toLowerCase();
          if (TRANSPORTS.test(v) && !/^(?:udp|tcp|sctp|tls)$/.test(v)) return null;
          params.transport = v;
        } else if (name === 'user' && (value === 'phone' || value === 'ip')) params.user = value;
        else return null;
      } else {
        params[name] = value;
      }
    }
    return new URI(scheme, user, host, port, params, undefined);
  }

  /**
   * `"Display" <uri>;p=v;…` or `<uri>;…` at the start of `text`; `end` is where it stops. From/To
   * keep the tag apart and set it last, as the grammar does; Contact understands `expires`.
   */
  function nameAddr(
    text: string,
    kind: 'fromTo' | 'contact' | 'route',
  ): { header: unknown; end: number } | null {
    let i = 0;
    let displayName: string | undefined;
    if (text.charCodeAt(0) === 34 /* " */) {
      const close = text.indexOf('"', 1);
      if (close < 0) return null;
      const quoted = text.slice(0, close + 1);
      if (!DISPLAY.test(quoted)) return null;
      displayName = quoted.slice(1, -1);
      if (displayName.trim() !== displayName || displayName === '') return null;
      i = close + 1;
      while (text.charCodeAt(i) === 32) i++;
    }
    if (text.charCodeAt(i) !== 60 /* < */) return null;
    const close = text.indexOf('>', i);
    if (close < 0) return null;
    const u = uri(text.slice(i + 1, close));
    if (!u) return null;
    i = close + 1;
    let params: Params | undefined;
    let tag: string | undefined;
    while (text.charCodeAt(i) === 59 /* ; */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 59 && text.charCodeAt(j) !== 44) {
        if (text.charCodeAt(j) === 34) {
          const q = text.indexOf('"', j + 1);
          if (q < 0) return null;
          j = q;
        }
        j++;
      }
      const p = param(text.slice(i + 1, j), headerValue);
      if (!p) return null;
      const { name, value } = p;
      if (kind === 'fromTo' && name.startsWith('tag')) {
        if (name !== 'tag' || value === undefined || !TOKEN_VALUE.test(value)) return null;
        tag = value;
      } else if (kind === 'contact' && (name.startsWith('q') || name.startsWith('expires'))) {
        if (name !== 'expires' || value === undefined || !/^(?:0|[1-9]\d{0,8})$/.test(value)) {
          return null;
        }
        (params ??= {}).expires = value;
      } else {
        (params ??= {})[name] = value;
      }
      i = j;
    }
    const header = new NameAddrHeader(u, displayName, params);
    if (tag) header.setParam('tag', tag);
    return { header, end: i };
  }

  /** Comma-separated name-addrs with their spans, as the grammar's multi_header. */
  function list(text: string, kind: 'contact' | 'route'): unknown {
    const out: { position: number; offset: number; parsed: unknown }[] = [];
    let i = 0;
    for (;;) {
      const one = nameAddr(text.slice(i), kind);
      if (!one) return undefined;
      out.push({ position: i + one.end, offset: i, parsed: one.header });
      i += one.end;
      if (i === text.length) return out;
      // `a, b` and `a,b` only (the grammar counts spaces before the comma into the entry).
      if (text.charCodeAt(i) !== 44) return undefined;
      let j = i + 1;
      while (text.charCodeAt(j) === 32) j++;
      if (j === text.length) return undefined;
      i = j;
    }
  }

  function firstLine(text: string): unknown {
    if (text.startsWith('SIP/2.0 ')) {
      const code = text.slice(8, 11);
      if (!/^[1-6]\d\d$/.test(code) || text.charCodeAt(11) !== 32) return undefined;
      const reason = text.slice(12);
      if (!REASON.test(reason)) return undefined;
      return { sip_version: 'SIP/2.0', status_code: Number(code), reason_phrase: reason };
    }
    const sp = text.indexOf(' ');
    const method = text.slice(0, sp);
    if (sp < 0 || !METHODS.has(method) || !text.endsWith(' SIP/2.0')) return undefined;
    const u = uri(text.slice(sp + 1, text.length - 8));
    if (!u) return undefined;
    return { method, uri: u, sip_version: 'SIP/2.0' };
  }

  function via(text: string): unknown {
    const m = /^SIP\/2\.0\/(UDP|TCP|TLS|SCTP|WS|WSS) +([^;: ]+)(?::(\d+))?((?:;[^;]*)*)$/.exec(
      text,
    );
    if (!m) return undefined;
    const hostType = hostOk(m[2]!);
    if (!hostType) return undefined;
    const out: Record<string, unknown> = {
      protocol: 'SIP',
      transport: m[1],
      host_type: hostType,
      host: m[2],
    };
    if (m[3] !== undefined) {
      if (!PORT.test(m[3])) return undefined;
      out.port = Number(m[3]);
    }
    const parts = m[4]!.split(';');
    for (let i = 1; i < parts.length; i++) {
      const p = param(parts[i]!, tokenValue);
      if (!p) return undefined;
      const { name, value } = p;
      if (/^(?:ttl|maddr|received|branch|rport)/.test(name)) {
        if (name === 'branch' && value !== undefined) out.branch = value;
        else if (name === 'received' && value !== undefined && IPV4.test(value)) {
          // The grammar's IPv4 rule records its host type as it goes, for `received` too.
          out.host_type = 'IPv4';
          out.received = value;
        } else if (name === 'rport' && value === undefined) {
          ((out.params ??= {}) as Params).rport = undefined;
        } else if (name === 'rport' && value !== undefined && /^\d{1,5}$/.test(value)) {
          out.rport = value;
        } else return undefined;
      } else {
        ((out.params ??= {}) as Params)[name] = value;
      }
    }
    return out;
  }

  function cseq(text: string): unknown {
    const sp = text.indexOf(' ');
    const n = text.slice(0, sp);
    const method = text.slice(sp + 1);
    if (sp < 0 || !DIGITS.test(n) || !METHODS.has(method)) return undefined;
    return { value: Number(n), method };
  }

  function challenge(text: string): unknown {
    if (!text.startsWith('Digest ')) return undefined;
    const out: Record<string, unknown> = {};
    const parts = text.slice(7).split(/ ?, ?/);
    const seen = new Set<string>();
    for (const part of parts) {
      const eq = part.indexOf('=');
      const name = part.slice(0, eq);
      const value = part.slice(eq + 1);
      if (eq < 0 || seen.has(name)) return undefined;
      seen.add(name);
      if (name === 'realm' || name === 'nonce' || name === 'opaque') {
        if (!QUOTED_VALUE.test(value)) return undefined;
        out[name] = value.slice(1, -1);
      } else if (name === 'algorithm' && value === 'MD5') {
        out.algorithm = 'MD5';
      } else if (name === 'qop' && (value === '"auth"' || value === '"auth,auth-int"')) {
        out.qop = value === '"auth"' ? ['auth'] : ['auth', 'auth-int'];
      } else if (name === 'stale' && (value === 'true' || value === 'false')) {
        out.stale = value === 'true';
      } else return undefined;
    }
    return out;
  }

  return (input, rule) => {
    switch (rule) {
      case 'Request_Response':
        return firstLine(input);
      case 'Via':
        return via(input);
      case 'From':
      case 'To': {
        const one = nameAddr(input, 'fromTo');
        return one && one.end === input.length ? one.header : undefined;
      }
      case 'Record_Route':
        return list(input, 'route');
      case 'Contact':
        return list(input, 'contact');
      case 'CSeq':
        return cseq(input);
      case 'Call_ID':
        return CALL_ID.test(input) ? input : undefined;
      case 'Content_Length':
      case 'Max_Forwards':
        return DIGITS.test(input) ? Number(input) : undefined;
      case 'Content_Type':
        return CONTENT_TYPE.test(input) ? input : undefined;
      case 'WWW_Authenticate':
      case 'Proxy_Authenticate':
        return challenge(input);
      default:
        return undefined;
    }
  };
}
