// esbuild plugin: sip.js 0.21's PEG parser (pegjs "size" output) decodes its whole bytecode table
// — ~240 rules — on every call to its parse function, i.e. for every header of every SIP message.
// Profiling the softphone bench showed that decoding as the largest single CPU cost on an
// incoming INVITE (ADR 0006). The table is plain numbers, so it is decoded once and reused.
// If a sip.js update changes the generated code, the build fails here instead of silently
// shipping the slow path.
import { readFile } from 'node:fs/promises';

export const grammarFile = /sip\.js[\\/]lib[\\/]grammar[\\/]pegjs[\\/]dist[\\/]grammar\.js$/;

export function cacheGrammarBytecode(source) {
  const open = '    const peg$bytecode = [\n';
  const close = '\n    ];\n    let peg$currPos = 0;';
  const start = source.indexOf(open);
  const end = start < 0 ? -1 : source.indexOf(close, start);
  if (start < 0 || end < 0 || source.indexOf(open, start + 1) >= 0) {
    throw new Error('sip.js grammar layout changed: update scripts/sipjs-grammar-cache.mjs');
  }
  return (
    'let peg$bytecodeCache = null;\n' +
    source.slice(0, start) +
    '    const peg$bytecode = peg$bytecodeCache || (peg$bytecodeCache = [\n' +
    source.slice(start + open.length, end) +
    '\n    ]);\n    let peg$currPos = 0;' +
    source.slice(end + close.length)
  );
}

export const sipjsGrammarCache = {
  name: 'sipjs-grammar-cache',
  setup(build) {
    build.onLoad({ filter: grammarFile }, async (args) => ({
      contents: cacheGrammarBytecode(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
