import type { Plugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

export const grammarFile: RegExp;
export const userAgentFile: RegExp;
export const grammarApiFile: RegExp;
export function fastHeaders(source: string): string;
export function compileGrammar(source: string): string;
export function deferTrying(source: string): string;
export function patchFor(path: string): ((source: string) => string) | null;
export const sipjsPatches: Plugin;
export const sipjsPatchesVite: VitePlugin;
