/**
 * China's administrative divisions down to the prefecture ("city") level, for customer addresses.
 * The data is @vant/area-data's (GB/T 2260 codes, maintained against the statistics bureau's and
 * the civil-affairs ministry's releases, shipped in the package: no network). Nothing here is
 * typed by hand: a new release of the package is a new list.
 *
 * The package lists a few "cities" that are not cities but groupings of county-level places
 * administered by the province directly (省直辖县级行政区划 — 湖北's 仙桃市, 海南's 琼海市, 新疆's
 * 石河子市 …; 重庆's 县). An address names the place itself, so those groupings are replaced by the
 * places they hold. Municipalities (北京市 …) are their own city, as in the package.
 */
import { areaList } from '@vant/area-data';

export interface Province {
  code: string;
  name: string;
  cities: readonly string[];
}

/** A city-level entry that only groups county-level places: its code's 3rd–4th digits are 90, or it is 县. */
function isGrouping(code: string, name: string): boolean {
  return code.slice(2, 4) === '90' || name === '县';
}

let cache: readonly Province[] | null = null;

/** Every province-level division with its cities, in code order (北京市 first). */
export function provinces(): readonly Province[] {
  if (cache) return cache;
  const byProvince = new Map<string, string[]>();
  const add = (code: string, name: string) => {
    const key = code.slice(0, 2);
    const list = byProvince.get(key) ?? [];
    if (!list.includes(name)) list.push(name);
    byProvince.set(key, list);
  };
  for (const [code, name] of Object.entries(areaList.city_list).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (!isGrouping(code, name)) {
      add(code, name);
      continue;
    }
    const prefix = code.slice(0, 4);
    for (const [county, countyName] of Object.entries(areaList.county_list).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      if (county.startsWith(prefix)) add(county, countyName);
    }
  }
  cache = Object.entries(areaList.province_list)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, name]) => ({ code, name, cities: byProvince.get(code.slice(0, 2)) ?? [] }))
    .filter((p) => p.cities.length > 0);
  return cache;
}

export function findProvince(name: string): Province | undefined {
  return provinces().find((p) => p.name === name);
}

export function isCityOf(province: string, city: string): boolean {
  return findProvince(province)?.cities.includes(city) ?? false;
}

/**
 * The full address as the desk stores it (and full-text searches it): province and city, then the
 * detail line; a municipality is written once (北京市朝阳区…, not 北京市北京市朝阳区…).
 */
export function fullAddress(province: string, city: string, detail: string): string {
  const head = province === city ? city : `${province}${city}`;
  return detail.startsWith(head) ? detail : `${head}${detail}`;
}
