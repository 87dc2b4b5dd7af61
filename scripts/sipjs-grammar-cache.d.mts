import type { Plugin } from 'esbuild';

export const grammarFile: RegExp;
export function cacheGrammarBytecode(source: string): string;
export const sipjsGrammarCache: Plugin;
