/**
 * Every keyboard shortcut of the console, in one table. Components never spell a key: they bind
 * actions by shortcut id (`useShortcuts` in ui/) and show or declare the combo with `comboOf`.
 * test/renderer/app/keymap.test.ts refuses two entries with the same normalised combo.
 *
 * Combos are written normalised: modifiers in the order Ctrl, Alt, Shift, then the key (a letter
 * upper-case, a function key as 'F2'). Alt combos match the physical letter key (Alt+A whatever
 * the layout or macOS Option characters); Ctrl also matches ⌘ on macOS. Plain keys are ignored
 * while the agent types in a text field, except function keys (agents type notes while changing
 * state).
 */

export type Feature =
  'session' | 'waybills' | 'softphone' | 'scripts' | 'callbacks' | 'orders' | 'complaints';

export interface Shortcut {
  /** `<feature>.<action>`: what components bind. */
  readonly id: string;
  readonly combo: string;
  readonly feature: Feature;
  /** i18n key, namespace-qualified (`session:status.setReady`), of the action's name. */
  readonly label: string;
}

/** Window-wide shortcuts, each live while its control is on screen. Order = order in overviews. */
export const shortcuts = [
  // Agent states (示闲 / 示忙 / 小休): function keys, so they work while typing notes.
  { id: 'session.ready', combo: 'F2', feature: 'session', label: 'session:status.setReady' },
  { id: 'session.notReady', combo: 'F3', feature: 'session', label: 'session:status.not_ready' },
  { id: 'session.break', combo: 'F4', feature: 'session', label: 'session:status.break' },
  // Drops the state picked for after the call (本通话后), shown in the status bar.
  {
    id: 'session.cancelAfterCall',
    combo: 'Alt+Z',
    feature: 'session',
    label: 'session:afterCall.cancel',
  },
  // 查件
  { id: 'waybills.search', combo: 'Ctrl+K', feature: 'waybills', label: 'waybills:search.label' },
  // The caller's recent parcels on the pop, in list order: Alt + the digit opens its detail.
  {
    id: 'waybills.popParcel1',
    combo: 'Alt+1',
    feature: 'waybills',
    label: 'waybills:pop.openParcelN.1',
  },
  {
    id: 'waybills.popParcel2',
    combo: 'Alt+2',
    feature: 'waybills',
    label: 'waybills:pop.openParcelN.2',
  },
  {
    id: 'waybills.popParcel3',
    combo: 'Alt+3',
    feature: 'waybills',
    label: 'waybills:pop.openParcelN.3',
  },
  {
    id: 'waybills.popParcel4',
    combo: 'Alt+4',
    feature: 'waybills',
    label: 'waybills:pop.openParcelN.4',
  },
  {
    id: 'waybills.popParcel5',
    combo: 'Alt+5',
    feature: 'waybills',
    label: 'waybills:pop.openParcelN.5',
  },
  // Call controls: Alt + letter.
  { id: 'softphone.answer', combo: 'Alt+A', feature: 'softphone', label: 'softphone:call.answer' },
  {
    id: 'softphone.hangup',
    combo: 'Alt+H',
    feature: 'softphone',
    // Hangs up a live call, rejects a ringing one.
    label: 'softphone:call.hangupOrReject',
  },
  { id: 'softphone.hold', combo: 'Alt+O', feature: 'softphone', label: 'softphone:call.hold' },
  { id: 'softphone.mute', combo: 'Alt+M', feature: 'softphone', label: 'softphone:call.mute' },
  {
    id: 'softphone.transfer',
    combo: 'Alt+T',
    feature: 'softphone',
    label: 'softphone:call.transfer',
  },
  { id: 'softphone.keypad', combo: 'Alt+K', feature: 'softphone', label: 'softphone:call.keypad' },
  { id: 'softphone.dial', combo: 'Alt+D', feature: 'softphone', label: 'softphone:call.dial' },
  {
    id: 'softphone.completeAcw',
    combo: 'Alt+S',
    feature: 'softphone',
    label: 'softphone:acw.complete',
  },
  {
    id: 'softphone.extendAcw',
    combo: 'Alt+E',
    feature: 'softphone',
    label: 'softphone:acw.extend',
  },
  {
    id: 'softphone.consultComplete',
    combo: 'Alt+C',
    feature: 'softphone',
    label: 'softphone:call.consultComplete',
  },
  {
    id: 'softphone.consultSwap',
    combo: 'Alt+W',
    feature: 'softphone',
    label: 'softphone:call.consultSwap',
  },
  {
    id: 'softphone.consultCancel',
    combo: 'Alt+X',
    feature: 'softphone',
    label: 'softphone:call.consultCancel',
  },
  {
    id: 'softphone.acknowledgeMissed',
    combo: 'Alt+R',
    feature: 'softphone',
    label: 'softphone:call.acknowledge',
  },
  {
    // Keeps a call the silence watch flagged (对方可能已挂断) from being ended.
    id: 'softphone.keepCall',
    combo: 'Alt+L',
    feature: 'softphone',
    label: 'softphone:call.keepCall',
  },
  {
    // Calls back the number of the missed call named in the banner.
    id: 'softphone.callBackMissed',
    combo: 'Alt+B',
    feature: 'softphone',
    label: 'softphone:call.callBackMissed',
  },
  // The call script panel (通话话术): Alt + letters the call controls leave free.
  { id: 'scripts.next', combo: 'Alt+N', feature: 'scripts', label: 'scripts:keys.next' },
  { id: 'scripts.back', combo: 'Alt+U', feature: 'scripts', label: 'scripts:keys.back' },
  { id: 'scripts.met', combo: 'Alt+Y', feature: 'scripts', label: 'scripts:keys.met' },
  { id: 'scripts.skip', combo: 'Alt+Q', feature: 'scripts', label: 'scripts:keys.skip' },
  { id: 'scripts.switch', combo: 'Alt+P', feature: 'scripts', label: 'scripts:keys.switch' },
  { id: 'scripts.search', combo: 'Alt+F', feature: 'scripts', label: 'scripts:keys.search' },
  // Hold etiquette on a real hold, and 填写工单 on the 下单 script (Alt+Shift is not a combo here:
  // with Alt the physical letter counts, so Alt+Shift+O would be Alt+O, hold).
  {
    id: 'scripts.holdPhrases',
    combo: 'Alt+I',
    feature: 'scripts',
    label: 'scripts:keys.holdPhrases',
  },
  {
    id: 'scripts.orderForm',
    combo: 'Alt+V',
    feature: 'scripts',
    label: 'scripts:keys.orderForm',
  },
  // 承诺回电: promise the caller (or any customer) a call back.
  {
    id: 'callbacks.promise',
    combo: 'Alt+G',
    feature: 'callbacks',
    label: 'callbacks:panel.promise',
  },
  // 下单: the 工作单 for the caller, tied to the call.
  { id: 'orders.openForCall', combo: 'Alt+J', feature: 'orders', label: 'orders:call.open' },
  // 登记投诉: a complaint ticket for the caller; a function key (every Alt+letter is taken), so it
  // works while the agent types.
  {
    id: 'complaints.register',
    combo: 'F8',
    feature: 'complaints',
    label: 'complaints:panel.register',
  },
] as const satisfies readonly Shortcut[];

export type ShortcutId = (typeof shortcuts)[number]['id'];

/**
 * Plain keys that choose inside an open dialog (they never act on the window): the reason
 * picker's 1–9 (示忙/小休 reasons, in list order) and the DTMF keypad.
 */
export const dialogKeys = {
  'session.reasonPicker': ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
  'softphone.keypad': ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'],
} as const;

/**
 * Keys that move within a list that has the focus (never window-wide): 查件's results, reached
 * with ↓ from the search box.
 */
export const listKeys = {
  'waybills.results': { next: 'ArrowDown', previous: 'ArrowUp', open: 'Enter', back: 'Escape' },
} as const;

const byId = new Map<string, Shortcut>(shortcuts.map((s) => [s.id, s]));

/** The combo of a shortcut, as shown in <kbd> and declared in aria-keyshortcuts ('Alt+A'). */
export function comboOf(id: ShortcutId): string {
  return byId.get(id)!.combo;
}

/** A feature's shortcuts, in table order (for the overview on the shift tab). */
export function shortcutsOf(feature: Feature): readonly Shortcut[] {
  return shortcuts.filter((s) => s.feature === feature);
}

const modifierNames: Record<string, 'Ctrl' | 'Alt' | 'Shift'> = {
  ctrl: 'Ctrl',
  control: 'Ctrl',
  cmd: 'Ctrl',
  meta: 'Ctrl',
  alt: 'Alt',
  option: 'Alt',
  shift: 'Shift',
};
const modifierOrder = ['Ctrl', 'Alt', 'Shift'] as const;

/** 'alt + a', 'Option+A' and 'Alt+A' are the same combo: 'Alt+A'. */
export function normaliseCombo(combo: string): string {
  const parts = combo.split('+').map((p) => p.trim());
  // A trailing '+' is the plus key itself ('Shift++').
  const raw = combo.trim().endsWith('++') ? '+' : (parts.pop() ?? '');
  const mods = new Set(parts.filter(Boolean).map((p) => modifierNames[p.toLowerCase()] ?? p));
  const key = raw.length === 1 ? raw.toUpperCase() : raw.replace(/^f(\d+)$/i, 'F$1');
  return [...modifierOrder.filter((m) => mods.has(m)), key].join('+');
}

/** The combo a key press makes, in the table's normal form (null for a bare modifier press). */
export function comboOfEvent(e: {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): string | null {
  if (['Control', 'Alt', 'Shift', 'Meta'].includes(e.key)) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  // … and the physical digit key (Alt+1 whatever Option+1 types on macOS).
  const physicalLetter = e.altKey && /^(?:Key[A-Z]|Digit[0-9])$/.test(e.code);
  let key = physicalLetter ? e.code.replace(/^(?:Key|Digit)/, '') : e.key;
  // Without Alt the typed character counts: Ctrl+K is 'k', Ctrl+Shift+K is 'K'.
  if (!physicalLetter && /^[A-Z]$/.test(key)) key = `Shift+${key}`;
  else if (/^[a-z]$/.test(key)) key = key.toUpperCase();
  return [ctrl && 'Ctrl', e.altKey && 'Alt', key].filter(Boolean).join('+');
}

/** Pairs of table entries that share a normalised combo (the console must have none). */
export function findClashes(table: readonly Shortcut[]): [Shortcut, Shortcut][] {
  const seen = new Map<string, Shortcut>();
  const clashes: [Shortcut, Shortcut][] = [];
  for (const s of table) {
    const combo = normaliseCombo(s.combo);
    const first = seen.get(combo);
    if (first) clashes.push([first, s]);
    else seen.set(combo, s);
  }
  return clashes;
}
