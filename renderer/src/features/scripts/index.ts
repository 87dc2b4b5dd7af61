/**
 * The scripts feature's public entry: the call script panel (通话话术, beside the call controls;
 * practice mode without a call) and the lead's script editor. Other features and the shell import
 * it only from here.
 */
export type { ScriptsSlice } from './slice';
export { connectScripts, createScriptsSlice } from './slice';
export { scriptTexts } from './i18n';
export { ScriptPanel } from './components/ScriptPanel';
export { ScriptEditor } from './components/ScriptEditor';
export { ComplianceDetails, ComplianceSummary } from './components/CallCompliance';
