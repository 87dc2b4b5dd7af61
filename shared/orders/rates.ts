/**
 * The price of a parcel (docs/DOMAIN.md §8, the order issue): a carrier's rate table, checked with
 * zod when it is loaded, and the quote computed from it. Pure: the core quotes an order when it is
 * submitted, the order form quotes it as the agent types, both with these functions and the same
 * table (resources/rates/). Money is in fen (integers), weights in kg, sizes in cm.
 *
 * How a quote is made:
 * 1. The zone from the two addresses: same city, same province, the same region (华东 …),
 *    national; either end in a remote province → remote (a service without a remote price does
 *    not go there).
 * 2. Chargeable weight = max(actual weight, volumetric weight = L×W×H ÷ the service's divisor),
 *    per piece summed; then the first weight, and the rest rounded up to the service's unit
 *    (0.5 kg or 1 kg): price = first + units × additional.
 * 3. Surcharges: remote end, fragile handling; the 保价 premium when insured (insurance.ts).
 */
import { z } from 'zod';
import { findProvince } from '../waybills/divisions';

export const services = ['next_day', 'standard', 'economy'] as const;
export type Service = (typeof services)[number];

export const zones = ['same_city', 'same_province', 'neighbour', 'national', 'remote'] as const;
export type Zone = (typeof zones)[number];

export const goodsCategories = [
  'documents',
  'clothing',
  'food',
  'fragile',
  'electronics',
  'valuables',
  'liquids',
  'batteries',
  'other',
] as const;
export type GoodsCategory = (typeof goodsCategories)[number];

const fen = z.number().int().nonnegative();
const zonePrice = z.strictObject({ firstFen: fen, additionalFen: fen });

const serviceSchema = z.strictObject({
  volumetricDivisor: z.number().int().min(1000).max(20000),
  maxWeightKg: z.number().positive().max(1000),
  maxSideCm: z.number().positive().max(1000),
  firstWeightKg: z.number().positive().max(50),
  additionalUnitKg: z.union([z.literal(0.5), z.literal(1)]),
  zones: z.partialRecord(z.enum(zones), zonePrice),
});
export type ServiceRates = z.infer<typeof serviceSchema>;

const provinceName = z.string().refine((p) => findProvince(p) !== undefined, {
  error: 'unknown province',
  params: { problem: 'unknown_province' },
});

export const rateTableSchema = z
  .strictObject({
    id: z.string().min(1).max(60),
    name: z.string().min(1).max(60),
    currency: z.literal('CNY'),
    regions: z.record(z.string().min(1).max(20), z.array(provinceName).min(1)),
    remoteProvinces: z.array(provinceName),
    services: z.strictObject({
      next_day: serviceSchema,
      standard: serviceSchema,
      economy: serviceSchema,
    }),
    surcharges: z.strictObject({ remoteFen: fen, fragileFen: fen }),
    insurance: z.strictObject({
      /** Premium = max(declared value × rate, minimum). */
      rate: z.number().positive().max(0.2),
      minimumFen: fen,
      /** The most a parcel may be declared at. */
      maxDeclaredFen: fen.min(1),
      /** Offer 保价 from this declared value on. */
      offerAtFen: fen,
      offerCategories: z.array(z.enum(goodsCategories)),
      /** Customer classes that are always offered it. */
      offerClasses: z.array(z.enum(['A', 'B', 'C'])),
    }),
  })
  .superRefine((t, ctx) => {
    const seen = new Map<string, string>();
    for (const [region, list] of Object.entries(t.regions)) {
      for (const p of list) {
        const other = seen.get(p);
        if (other) {
          ctx.addIssue({
            code: 'custom',
            path: ['regions', region],
            message: `${p} is in two regions (${other}, ${region})`,
            params: { problem: 'province_twice', province: p, first: other, second: region },
          });
        }
        seen.set(p, region);
      }
    }
    for (const s of services) {
      const rates = t.services[s];
      if (!rates.zones.national) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', s, 'zones'],
          message: 'no national price',
          params: { problem: 'no_national_price', service: s },
        });
      }
    }
  });
export type RateTable = z.infer<typeof rateTableSchema>;

/** Where a parcel goes from and to (province and city as the divisions name them). */
export interface Route {
  from: { province: string; city: string };
  to: { province: string; city: string };
}

/** The zone between two places, by the table's regions and remote provinces. */
export function zoneOf(table: RateTable, route: Route): Zone {
  const { from, to } = route;
  if (
    table.remoteProvinces.includes(from.province) ||
    table.remoteProvinces.includes(to.province)
  ) {
    return 'remote';
  }
  if (from.province === to.province) return from.city === to.city ? 'same_city' : 'same_province';
  const regionOf = (p: string) =>
    Object.entries(table.regions).find(([, list]) => list.includes(p))?.[0];
  const a = regionOf(from.province);
  return a !== undefined && a === regionOf(to.province) ? 'neighbour' : 'national';
}

export interface Piece {
  weightKg: number;
  /** All three or none. */
  dims?: { lengthCm: number; widthCm: number; heightCm: number } | null;
}

export interface QuoteInput extends Route {
  service: Service;
  category: GoodsCategory;
  pieces: number;
  /** Per piece. */
  piece: Piece;
  /** The premium, already worked out (insurance.ts), or 0. */
  premiumFen: number;
}

export type QuoteLine =
  | { kind: 'first'; kg: number; fen: number }
  | { kind: 'additional'; units: number; unitKg: number; fen: number }
  | { kind: 'remote'; fen: number }
  | { kind: 'fragile'; fen: number }
  | { kind: 'premium'; fen: number };

export type Quote =
  | {
      ok: true;
      zone: Zone;
      actualKg: number;
      volumetricKg: number;
      chargeableKg: number;
      lines: QuoteLine[];
      totalFen: number;
    }
  /** The service does not go there (e.g. 次日达 to a remote province). */
  | { ok: false; zone: Zone; reason: 'service_unavailable' };

/** Rounds to 0.01 kg, the scale's resolution, so 0.1 + 0.2 does not bill an extra unit. */
const kg = (v: number) => Math.round(v * 100) / 100;

/** Volumetric weight of one piece under a divisor (cm³ per kg); 0 without dimensions. */
export function volumetricKg(piece: Piece, divisor: number): number {
  if (!piece.dims) return 0;
  const { lengthCm, widthCm, heightCm } = piece.dims;
  return kg((lengthCm * widthCm * heightCm) / divisor);
}

export function quote(table: RateTable, input: QuoteInput): Quote {
  const rates = table.services[input.service];
  const zone = zoneOf(table, input);
  const price = rates.zones[zone];
  if (!price) return { ok: false, zone, reason: 'service_unavailable' };
  const actualKg = kg(input.piece.weightKg * input.pieces);
  const volumetric = kg(volumetricKg(input.piece, rates.volumetricDivisor) * input.pieces);
  const chargeableKg = Math.max(actualKg, volumetric);
  const lines: QuoteLine[] = [{ kind: 'first', kg: rates.firstWeightKg, fen: price.firstFen }];
  const beyond = kg(chargeableKg - rates.firstWeightKg);
  if (beyond > 0) {
    const units = Math.ceil(kg(beyond / rates.additionalUnitKg));
    lines.push({
      kind: 'additional',
      units,
      unitKg: rates.additionalUnitKg,
      fen: units * price.additionalFen,
    });
  }
  if (zone === 'remote' && table.surcharges.remoteFen > 0) {
    lines.push({ kind: 'remote', fen: table.surcharges.remoteFen });
  }
  if (input.category === 'fragile' && table.surcharges.fragileFen > 0) {
    lines.push({ kind: 'fragile', fen: table.surcharges.fragileFen * input.pieces });
  }
  if (input.premiumFen > 0) lines.push({ kind: 'premium', fen: input.premiumFen });
  return {
    ok: true,
    zone,
    actualKg,
    volumetricKg: volumetric,
    chargeableKg,
    lines,
    totalFen: lines.reduce((sum, l) => sum + l.fen, 0),
  };
}

/** 1234 → "12.34" (yuan, two decimals), for read-back and exports. */
export function yuan(fenAmount: number): string {
  const sign = fenAmount < 0 ? '-' : '';
  const abs = Math.abs(fenAmount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
