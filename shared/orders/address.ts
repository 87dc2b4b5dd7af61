/**
 * Addresses for orders: province / city / district from the administrative divisions
 * (@vant/area-data, through ../waybills/divisions.ts for provinces and cities), and a pasted
 * address string ("广东省深圳市南山区科苑路15号 张三 13800138000", as customers send them in
 * chat apps) read into those fields. What cannot be read is left for the agent, never guessed.
 */
import { areaList } from '@vant/area-data';
import { findProvince, provinces } from '../waybills/divisions';

const districtCache = new Map<string, readonly string[]>();

/**
 * The districts (county level) of a city, by name; empty for a place that has none below it.
 * Worked out once per city (the form asks on every keystroke).
 */
export function districtsOf(province: string, city: string): readonly string[] {
  const key = `${province}|${city}`;
  const cached = districtCache.get(key);
  if (cached) return cached;
  const p = findProvince(province);
  if (!p || !p.cities.includes(city)) return [];
  const prefix = p.code.slice(0, 2);
  const cityCode = Object.entries(areaList.city_list).find(
    ([code, name]) => code.startsWith(prefix) && name === city,
  )?.[0];
  // A county-level place listed as a city (仙桃市 …) has nothing below it.
  const list = cityCode
    ? Object.entries(areaList.county_list)
        .filter(([code]) => code.startsWith(cityCode.slice(0, 4)))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, name]) => name)
    : [];
  districtCache.set(key, list);
  return list;
}

export function isDistrictOf(province: string, city: string, district: string): boolean {
  return districtsOf(province, city).includes(district);
}

/** 广东省 → 广东, 内蒙古自治区 → 内蒙古, 深圳市 → 深圳, 南山区 → 南山 (never below two characters). */
function short(name: string): string {
  const s = name.replace(
    /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|省|市|盟|区|县)$/u,
    '',
  );
  return s.length >= 2 ? s : name;
}

/** Where a division's name (full, else short) first occurs in `text` at or after `from`. */
function find(text: string, name: string, from: number): { at: number; end: number } | null {
  for (const candidate of [name, short(name)]) {
    const at = text.indexOf(candidate, from);
    if (at >= 0) return { at, end: at + candidate.length };
  }
  return null;
}

export interface ParsedAddress {
  province: string | null;
  city: string | null;
  district: string | null;
  detail: string;
  /** Phone numbers found in the text (as written, for the phone field's own check). */
  phones: string[];
  /** A short run of Chinese characters standing apart (a name), if there is exactly one. */
  name: string | null;
}

const phonePattern = /(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}|0\d{2,3}-?\d{7,8}/g;

export function parseAddress(raw: string): ParsedAddress {
  let text = raw.replace(/[\r\n\t]+/g, ' ').trim();
  const phones = [...text.matchAll(phonePattern)].map((m) => m[0]);
  for (const p of phones) text = text.replace(p, ' ');
  // Labels people paste along with the values.
  text = text.replace(
    /(收件人|寄件人|联系人|姓名|电话|手机|手机号|地址|所在地区|详细地址)[:：]?/gu,
    ' ',
  );

  let province: string | null = null;
  let city: string | null = null;
  let district: string | null = null;
  let cursor = 0;
  let best: { name: string; at: number; end: number } | null = null;
  for (const p of provinces()) {
    const hit = find(text, p.name, 0);
    if (hit && (!best || hit.at < best.at)) best = { name: p.name, ...hit };
  }
  if (best) {
    province = best.name;
    cursor = best.end;
    const p = findProvince(best.name)!;
    // A municipality is its own city (北京市北京市… is written 北京市…).
    if (p.cities.length === 1 && p.cities[0] === p.name) city = p.name;
    let cityHit: { name: string; at: number; end: number } | null = null;
    for (const c of p.cities) {
      if (c === p.name) continue;
      const hit = find(text, c, cursor);
      if (hit && (!cityHit || hit.at < cityHit.at)) cityHit = { name: c, ...hit };
    }
    if (cityHit) {
      city = cityHit.name;
      cursor = cityHit.end;
    }
    if (city) {
      let districtHit: { name: string; at: number; end: number } | null = null;
      for (const d of districtsOf(p.name, city)) {
        const hit = find(text, d, cursor);
        if (hit && (!districtHit || hit.at < districtHit.at)) districtHit = { name: d, ...hit };
      }
      if (districtHit) {
        district = districtHit.name;
        cursor = districtHit.end;
      }
    }
  }
  const before = best ? text.slice(0, best.at) : '';
  const after = text.slice(cursor);
  // The detail is what follows the divisions up to the next gap that holds a lone name.
  const rest = `${before} ${after}`.split(/[\s,，;；]+/u).filter((s) => s !== '');
  const nameLike = rest.filter(
    (s) => /^\p{Script=Han}{2,4}$/u.test(s) && !/[路街号弄巷栋室楼村镇]/u.test(s),
  );
  const name = nameLike.length === 1 ? nameLike[0]! : null;
  const detail = rest.filter((s) => s !== name).join('');
  return { province, city, district, detail, phones, name };
}
