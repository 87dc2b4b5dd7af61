/**
 * What may not be sent, and what may only be sent under conditions (docs/DOMAIN.md §6: currency is
 * never accepted; the prohibited-items catalogue of the postal authority, 禁止寄递物品指导目录).
 * The goods description is read for the names of prohibited things; restricted categories
 * (batteries, liquids) need the agent's confirmation of their condition.
 */
import type { GoodsCategory } from './rates';

export const prohibitedKinds = [
  'currency',
  'weapons',
  'explosives',
  'flammable',
  'toxic',
  'corrosive',
  'radioactive',
  'live_animals',
] as const;
export type ProhibitedKind = (typeof prohibitedKinds)[number];

/**
 * Words that name a prohibited thing, by kind. Whole words of everyday speech, not fragments that
 * also occur in harmless goods (枪支, not 枪: a 胶枪 or 喷枪 is a tool).
 */
const prohibitedTerms: Record<ProhibitedKind, readonly string[]> = {
  currency: ['现金', '人民币', '纸币', '硬币', '钞票', '外币', '美元', '港币', '欧元', '货币'],
  weapons: [
    '枪支',
    '手枪',
    '步枪',
    '猎枪',
    '气枪',
    '仿真枪',
    '弹药',
    '子弹',
    '管制刀具',
    '匕首',
    '弓弩',
  ],
  explosives: ['炸药', '雷管', '导火索', '烟花', '爆竹', '鞭炮', '礼花'],
  flammable: ['汽油', '柴油', '煤油', '天然气', '液化气', '打火机', '油漆', '稀释剂', '固体酒精'],
  toxic: ['毒品', '大麻', '冰毒', '海洛因', '农药', '毒鼠强', '氰化物', '砒霜'],
  corrosive: ['硫酸', '盐酸', '硝酸', '氢氧化钠', '烧碱'],
  radioactive: ['放射性', '放射源'],
  live_animals: ['活体', '活鸡', '活鸭', '活鱼', '活禽', '宠物'],
};

/** The prohibited things a goods description names (first term per kind), in catalogue order. */
export function prohibitedIn(description: string): { kind: ProhibitedKind; term: string }[] {
  const found: { kind: ProhibitedKind; term: string }[] = [];
  const text = description.replace(/\s+/g, '');
  for (const kind of prohibitedKinds) {
    const term = prohibitedTerms[kind].find((t) => text.includes(t));
    if (term) found.push({ kind, term });
  }
  return found;
}

/** Conditions the agent confirms with the customer for restricted categories. */
export interface RestrictedConfirmations {
  /** Lithium batteries only installed in the device they power, at most 100 Wh each. */
  batteryInDevice?: boolean;
  /** Liquids sealed, leak-proof, not flammable. */
  liquidSealed?: boolean;
}

export type RestrictionIssue = 'battery_not_in_device' | 'liquid_not_sealed';

export function restrictionIssue(
  category: GoodsCategory,
  c: RestrictedConfirmations,
): RestrictionIssue | null {
  if (category === 'batteries' && c.batteryInDevice !== true) return 'battery_not_in_device';
  if (category === 'liquids' && c.liquidSealed !== true) return 'liquid_not_sealed';
  return null;
}
