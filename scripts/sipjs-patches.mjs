// Build-time patches to sip.js 0.21, applied by esbuild (scripts/build.mjs, scripts/bench.mjs) and
// by vite for the tests (vitest.config.ts), so what is tested is what ships. Each patch matches
// the exact generated code it replaces; if a sip.js update changes that code, the build fails
// here instead of silently shipping something else. Why each exists: ADR 0006 and ADR 0007.
//
// 1. Grammar (`lib/grammar/pegjs/dist/grammar.js`). sip.js ships its SIP grammar as pegjs "size"
//    output: a bytecode interpreter that also rebuilds its whole rule table on every call of its
//    parse function — i.e. for every header of every SIP message (~240 bytecode strings decoded,
//    ~800 constants evaluated, among them 102 action closures and 22 RegExp objects). Profiling
//    the softphone bench showed the parser as the largest CPU cost of an incoming INVITE, 87% of
//    it inside the interpreter loop. Two rewrites:
//    a. The body of `peg$parse` becomes a factory that runs once and returns the parse function;
//       the per-parse state (`input`, `options`, positions, failure bookkeeping) lives in that
//       closure and is reset at the start of every call. Parsing is synchronous and no grammar
//       action calls the parser again, so one shared state is safe.
//    b. Every rule's bytecode is compiled to a plain JavaScript function, the way pegjs's own
//       "speed" output does it (a compile-time model of the interpreter's stack: stack slots
//       become local variables s0, s1, …; IF/WHILE opcodes become if/while). Same constants, same
//       actions, same failure reporting — only the dispatch loop is gone.
//    test/core/features/softphone/sipjs-patches.test.ts parses a corpus and thousands of mutated headers with the
//    stock and the rewritten parser and requires identical results and identical errors.
// 2. 100 Trying (`lib/api/user-agent.js`). sip.js sends 100 Trying for every incoming INVITE
//    before the application sees it (its own comment: "FIXME: … should be configurable. Only
//    required if TU will not respond in 200ms", RFC 3261 §17.2.1). The desk answers every INVITE
//    synchronously (180 Ringing or a refusal), so the 100 only delays the 180. It is now sent a
//    microtask later, and only if the INVITE has not been answered by then.
// 3. Fast header path (`lib/grammar/grammar.js`, ADR 0009). `Grammar.parse` first asks
//    electron/core/features/softphone/fast-grammar.ts, which parses the plain shapes of the headers
//    every INVITE and 401 carry by hand and builds what the grammar builds; everything else
//    (and every error) still goes to the grammar. Same differential test as 1.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const grammarFile = /sip\.js[\\/]lib[\\/]grammar[\\/]pegjs[\\/]dist[\\/]grammar\.js$/;

/** Replaces exactly one occurrence of `from`, or fails the build. */
function once(source, from, to) {
  const at = source.indexOf(from);
  if (at < 0 || source.indexOf(from, at + 1) >= 0) {
    throw new Error(
      `sip.js grammar layout changed (${JSON.stringify(from.trim().slice(0, 60))}): ` +
        'update scripts/sipjs-patches.mjs',
    );
  }
  return source.slice(0, at) + to + source.slice(at + from.length);
}

export function compileGrammar(source) {
  const defaultRule = /\n {4}let peg\$startRuleIndex = (\d+);\n/.exec(source)?.[1];
  if (
    defaultRule === undefined ||
    /peg\$parse\(/.test(source.replace('peg$parse(input, options)', ''))
  ) {
    throw new Error('sip.js grammar layout changed (start rule): update scripts/sipjs-patches.mjs');
  }
  let s = source;
  s = once(
    s,
    'function peg$parse(input, options) {\n' +
      '    options = options !== undefined ? options : {};\n' +
      '    const peg$FAILED = {};\n' +
      '    const peg$source = options.grammarSource;\n',
    'const peg$parse = (function () {\n' +
      '    let input;\n' +
      '    let options;\n' +
      '    let peg$source;\n' +
      '    const peg$FAILED = {};\n',
  );
  const startRule =
    '    if (options.startRule !== undefined) {\n' +
    '        if (!(options.startRule in peg$startRuleIndices)) {\n' +
    '            throw new Error("Can\'t start parsing from rule \\"" + options.startRule + "\\".");\n' +
    '        }\n' +
    '        peg$startRuleIndex = peg$startRuleIndices[options.startRule];\n' +
    '    }\n';
  s = once(
    s,
    '    let peg$currPos = 0;\n' +
      '    let peg$savedPos = 0;\n' +
      '    const peg$posDetailsCache = [{ line: 1, column: 1 }];\n' +
      '    let peg$maxFailPos = 0;\n' +
      '    let peg$maxFailExpected = [];\n' +
      '    let peg$silentFails = 0;\n' +
      '    let peg$result;\n' +
      startRule,
    '    let peg$currPos = 0;\n' +
      '    let peg$savedPos = 0;\n' +
      '    let peg$posDetailsCache = [{ line: 1, column: 1 }];\n' +
      '    let peg$maxFailPos = 0;\n' +
      '    let peg$maxFailExpected = [];\n' +
      '    let peg$silentFails = 0;\n' +
      '    let peg$result;\n',
  );
  s = once(
    s,
    '    options.data = {}; // Object to which header attributes will be assigned during parsing\n' +
      '    function list(head, tail) {\n' +
      '        return [head].concat(tail);\n' +
      '    }\n' +
      '    peg$result = peg$parseRule(peg$startRuleIndex);\n',
    '    function list(head, tail) {\n' +
      '        return [head].concat(tail);\n' +
      '    }\n' +
      '    return function peg$parseOnce(input_, options_) {\n' +
      '    input = input_;\n' +
      '    options = options_ !== undefined ? options_ : {};\n' +
      '    peg$source = options.grammarSource;\n' +
      '    peg$currPos = 0;\n' +
      '    peg$savedPos = 0;\n' +
      '    peg$posDetailsCache = [{ line: 1, column: 1 }];\n' +
      '    peg$maxFailPos = 0;\n' +
      '    peg$maxFailExpected = [];\n' +
      '    peg$silentFails = 0;\n' +
      '    peg$result = undefined;\n' +
      `    peg$startRuleIndex = ${defaultRule};\n` +
      startRule +
      '    options.data = {}; // Object to which header attributes will be assigned during parsing\n' +
      '    peg$result = peg$parseRule(peg$startRuleIndex);\n',
  );
  s = once(
    s,
    '\n}\nexport const parse = peg$parse;',
    '\n    };\n})();\nexport const parse = peg$parse;',
  );
  // b. Compiled rules, placed inside the factory (they use its state) before `list`.
  const { functions, used } = compileRules(decodeBytecode(source));
  const aliases = [...used]
    .sort((a, b) => a - b)
    .map((i) => `    const peg$c${i} = peg$consts[${i}];\n`)
    .join('');
  s = once(
    s,
    '    function list(head, tail) {\n',
    aliases + functions + '    function list(head, tail) {\n',
  );
  s = once(
    s,
    '    peg$result = peg$parseRule(peg$startRuleIndex);\n',
    '    peg$result = peg$rules[peg$startRuleIndex]();\n',
  );
  return s;
}

/** The rule table as numbers (the same decoding the interpreter does at run time). */
function decodeBytecode(source) {
  const open = '    const peg$bytecode = [\n';
  const start = source.indexOf(open);
  const end = source.indexOf('\n    ];\n', start);
  if (start < 0 || end < 0) {
    throw new Error('sip.js grammar layout changed (bytecode): update scripts/sipjs-patches.mjs');
  }
  const decode = (text) => text.split('').map((ch) => ch.charCodeAt(0) - 32);
  // The table is a list of peg$decode("…") calls on string literals from sip.js itself.
  const table = new Function('peg$decode', `return [${source.slice(start + open.length, end)}];`)(
    decode,
  );
  if (!Array.isArray(table) || table.length === 0 || !table.every(Array.isArray)) {
    throw new Error('sip.js grammar layout changed (bytecode): update scripts/sipjs-patches.mjs');
  }
  return table;
}

/**
 * Compiles each rule's bytecode to a function `peg$r<index>()`, opcode for opcode what the
 * interpreter in the generated grammar does (its `peg$parseRule` is the specification; opcode
 * numbers as there). Returns the functions' source, the `peg$rules` table and the constant
 * indices the code refers to.
 */
export function compileRules(table) {
  const used = new Set();
  const out = [];
  table.forEach((bc, index) => {
    const body = compileRule(bc, index, used);
    out.push(body);
  });
  out.push(`    const peg$rules = [${table.map((_, i) => `peg$r${i}`).join(', ')}];\n`);
  return { functions: out.join(''), used };
}

function compileRule(bytecode, index, used) {
  let sp = -1;
  let maxSp = -1;
  const s = (i) => `s${i}`;
  const c = (i) => {
    used.add(i);
    return `peg$c${i}`;
  };
  const push = (expr) => {
    sp += 1;
    maxSp = Math.max(maxSp, sp);
    return `${s(sp)} = ${expr};`;
  };
  const pop = () => s(sp--);
  const popN = (n) => {
    const names = [];
    for (let i = sp - n + 1; i <= sp; i++) names.push(s(i));
    sp -= n;
    return names;
  };
  const top = () => s(sp);
  const at = (fromTop) => s(sp - fromTop);

  function compile(bc) {
    const lines = [];
    let ip = 0;
    const condition = (test, argCount) => {
      const base = argCount + 3;
      const thenLength = bc[ip + base - 2];
      const elseLength = bc[ip + base - 1];
      const baseSp = sp;
      ip += base;
      const thenCode = compile(bc.slice(ip, ip + thenLength));
      const thenSp = sp;
      ip += thenLength;
      let elseCode = null;
      if (elseLength > 0) {
        sp = baseSp;
        elseCode = compile(bc.slice(ip, ip + elseLength));
        ip += elseLength;
        if (sp !== thenSp) throw new Error(`rule ${index}: branches move the stack differently`);
      }
      lines.push(`if (${test}) {`, ...thenCode);
      if (elseCode) lines.push('} else {', ...elseCode);
      lines.push('}');
    };
    while (ip < bc.length) {
      const op = bc[ip];
      switch (op) {
        case 0: // PUSH constant
          lines.push(push(c(bc[ip + 1])));
          ip += 2;
          break;
        case 1: // PUSH_UNDEFINED
          lines.push(push('undefined'));
          ip += 1;
          break;
        case 2: // PUSH_NULL
          lines.push(push('null'));
          ip += 1;
          break;
        case 3: // PUSH_FAILED
          lines.push(push('peg$FAILED'));
          ip += 1;
          break;
        case 4: // PUSH_EMPTY_ARRAY
          lines.push(push('[]'));
          ip += 1;
          break;
        case 5: // PUSH_CURR_POS
          lines.push(push('peg$currPos'));
          ip += 1;
          break;
        case 6: // POP
          pop();
          ip += 1;
          break;
        case 7: // POP_CURR_POS
          lines.push(`peg$currPos = ${pop()};`);
          ip += 1;
          break;
        case 8: // POP_N
          popN(bc[ip + 1]);
          ip += 2;
          break;
        case 9: {
          // NIP: drop the value under the top
          const value = pop();
          pop();
          lines.push(push(value));
          ip += 1;
          break;
        }
        case 10: {
          // APPEND top to the array under it
          const value = pop();
          lines.push(`${top()}.push(${value});`);
          ip += 1;
          break;
        }
        case 11: {
          // WRAP n values into an array
          const n = bc[ip + 1];
          lines.push(push(`[${popN(n).join(', ')}]`));
          ip += 2;
          break;
        }
        case 12: // TEXT
          lines.push(push(`input.substring(${pop()}, peg$currPos)`));
          ip += 1;
          break;
        case 13: // IF (truthy)
          condition(top(), 0);
          break;
        case 14: // IF_ERROR
          condition(`${top()} === peg$FAILED`, 0);
          break;
        case 15: // IF_NOT_ERROR
          condition(`${top()} !== peg$FAILED`, 0);
          break;
        case 16: {
          // WHILE_NOT_ERROR
          const bodyLength = bc[ip + 1];
          const baseSp = sp;
          const test = `${top()} !== peg$FAILED`;
          ip += 2;
          const body = compile(bc.slice(ip, ip + bodyLength));
          ip += bodyLength;
          if (sp !== baseSp) throw new Error(`rule ${index}: loop body moves the stack`);
          lines.push(`while (${test}) {`, ...body, '}');
          break;
        }
        case 17: // MATCH_ANY
          condition('input.length > peg$currPos', 0);
          break;
        case 18: {
          // MATCH_STRING
          const k = c(bc[ip + 1]);
          condition(`input.substr(peg$currPos, ${k}.length) === ${k}`, 1);
          break;
        }
        case 19: {
          // MATCH_STRING_IC
          const k = c(bc[ip + 1]);
          condition(`input.substr(peg$currPos, ${k}.length).toLowerCase() === ${k}`, 1);
          break;
        }
        case 20: // MATCH_REGEXP
          condition(`${c(bc[ip + 1])}.test(input.charAt(peg$currPos))`, 1);
          break;
        case 21: // ACCEPT_N
          lines.push(push(`input.substr(peg$currPos, ${bc[ip + 1]})`));
          lines.push(`peg$currPos += ${bc[ip + 1]};`);
          ip += 2;
          break;
        case 22: {
          // ACCEPT_STRING
          const k = c(bc[ip + 1]);
          lines.push(push(k));
          lines.push(`peg$currPos += ${k}.length;`);
          ip += 2;
          break;
        }
        case 23: // FAIL
          lines.push(push('peg$FAILED'));
          lines.push(`if (peg$silentFails === 0) peg$fail(${c(bc[ip + 1])});`);
          ip += 2;
          break;
        case 24: // LOAD_SAVED_POS
          lines.push(`peg$savedPos = ${at(bc[ip + 1])};`);
          ip += 2;
          break;
        case 25: // UPDATE_SAVED_POS
          lines.push('peg$savedPos = peg$currPos;');
          ip += 1;
          break;
        case 26: {
          // CALL action f, popping n, with params (positions from the top)
          const f = c(bc[ip + 1]);
          const n = bc[ip + 2];
          const count = bc[ip + 3];
          const args = bc.slice(ip + 4, ip + 4 + count).map((p) => at(p));
          popN(n);
          lines.push(push(`${f}(${args.join(', ')})`));
          ip += 4 + count;
          break;
        }
        case 27: // RULE
          lines.push(push(`peg$r${bc[ip + 1]}()`));
          ip += 2;
          break;
        case 28: // SILENT_FAILS_ON
          lines.push('peg$silentFails++;');
          ip += 1;
          break;
        case 29: // SILENT_FAILS_OFF
          lines.push('peg$silentFails--;');
          ip += 1;
          break;
        default:
          throw new Error(`sip.js grammar: unknown opcode ${op} in rule ${index}`);
      }
    }
    return lines;
  }

  const code = compile(bytecode);
  if (sp !== 0) throw new Error(`rule ${index}: leaves ${sp + 1} values on the stack`);
  const vars = [];
  for (let i = 0; i <= maxSp; i++) vars.push(s(i));
  return (
    `    function peg$r${index}() {\n` +
    `        let ${vars.join(', ')};\n` +
    code.map((l) => `        ${l}\n`).join('') +
    '        return s0;\n' +
    '    }\n'
  );
}

export const userAgentFile = /sip\.js[\\/]lib[\\/]api[\\/]user-agent\.js$/;

export function deferTrying(source) {
  return once(
    source,
    '                incomingInviteRequest.trying();\n',
    [
      '                // Courier Desk build (scripts/sipjs-patches.mjs): 100 Trying only if the',
      '                // application did not answer the INVITE synchronously.',
      '                queueMicrotask(() => {',
      '                    try {',
      '                        if (incomingInviteRequest.tryingable &&',
      '                            !incomingInviteRequest.transaction.lastProvisionalResponse) {',
      '                            incomingInviteRequest.trying();',
      '                        }',
      '                    }',
      '                    catch (e) {',
      '                        // the transaction ended meanwhile: nothing left to acknowledge',
      '                    }',
      '                });',
      '',
    ].join('\n'),
  );
}

export const grammarApiFile = /sip\.js[\\/]lib[\\/]grammar[\\/]grammar\.js$/;

const fastGrammarModule = fileURLToPath(
  new URL('../electron/core/features/softphone/fast-grammar.ts', import.meta.url),
);

export function fastHeaders(source) {
  let s = once(
    source,
    'import * as pegGrammar from "./pegjs/dist/grammar.js";\n',
    'import * as pegGrammar from "./pegjs/dist/grammar.js";\n' +
      'import { URI } from "./uri.js";\n' +
      'import { NameAddrHeader } from "./name-addr-header.js";\n' +
      `import { createFastParse } from ${JSON.stringify(fastGrammarModule)};\n` +
      '// Courier Desk build (scripts/sipjs-patches.mjs): plain headers parsed by hand first.\n' +
      'const fastParse = createFastParse({ URI, NameAddrHeader });\n',
  );
  s = once(
    s,
    '        const options = { startRule };\n        try {\n            pegGrammar.parse(input, options);\n',
    '        const fast = fastParse(input, startRule);\n' +
      '        if (fast !== undefined) {\n' +
      '            return fast;\n' +
      '        }\n' +
      '        const options = { startRule };\n        try {\n            pegGrammar.parse(input, options);\n',
  );
  return s;
}

/** The patch for a module path, or null when sip.js is not concerned. */
export function patchFor(path) {
  if (grammarFile.test(path)) return compileGrammar;
  if (grammarApiFile.test(path)) return fastHeaders;
  if (userAgentFile.test(path)) return deferTrying;
  return null;
}

/** esbuild plugin. */
export const sipjsPatches = {
  name: 'sipjs-patches',
  setup(build) {
    build.onLoad({ filter: /sip\.js[\\/]lib[\\/].*\.js$/ }, async (args) => {
      const patch = patchFor(args.path);
      if (!patch) return undefined;
      return { contents: patch(await readFile(args.path, 'utf8')), loader: 'js' };
    });
  },
};

/** vite plugin (vitest): sip.js must be inlined (`server.deps.inline`) for it to apply. */
export const sipjsPatchesVite = {
  name: 'sipjs-patches',
  enforce: 'pre',
  transform(code, id) {
    const patch = patchFor(id.split('?')[0]);
    return patch ? { code: patch(code), map: null } : null;
  },
};
