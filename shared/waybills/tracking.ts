/**
 * The normalised tracking vocabulary (docs/DOMAIN.md §7) and the mapping from Kuaidi100-style state codes.
 */
export const trackingStatuses = [
  'ORDER_CREATED',
  'PICKED_UP',
  'IN_TRANSIT',
  'ARRIVED_DEST_CITY',
  'OUT_FOR_DELIVERY',
  'AT_PICKUP_POINT',
  'DELIVERED',
  'DELIVERY_FAILED',
  'STALLED',
  'DAMAGED',
  'LOST',
  'REFUSED',
  'RETURNING',
  'RETURNED',
  'REDIRECTED',
  'CANCELLED',
] as const;
export type TrackingStatus = (typeof trackingStatuses)[number];

export function isTrackingStatus(x: string): x is TrackingStatus {
  return (trackingStatuses as readonly string[]).includes(x);
}

/**
 * Kuaidi100 state → normalised status. Main states: 0 在途 1 揽收 2 疑难 3 签收 4 退签 5 派件
 * 6 退回 7 转投 14 拒签; sub-states refine them (101–103 揽收, 1001–1003 在途, 201–210 疑难,
 * 301–304 签收, 501 驿站/柜). Unknown codes fall back to their main state's first digit(s).
 */
const exact: Record<string, TrackingStatus> = {
  '0': 'IN_TRANSIT',
  '1': 'PICKED_UP',
  '2': 'STALLED',
  '3': 'DELIVERED',
  '4': 'RETURNED',
  '5': 'OUT_FOR_DELIVERY',
  '6': 'RETURNING',
  '7': 'REDIRECTED',
  '8': 'ORDER_CREATED',
  '10': 'ORDER_CREATED',
  '14': 'REFUSED',
  '101': 'ORDER_CREATED', // 已下单
  '102': 'PICKED_UP', // 待揽收 → treated as order accepted
  '103': 'PICKED_UP', // 已揽收
  '1001': 'ARRIVED_DEST_CITY', // 到达派件城市
  '1002': 'IN_TRANSIT', // 干线
  '1003': 'REDIRECTED', // 转递
  '201': 'DELIVERY_FAILED', // 超时未签收
  '202': 'STALLED', // 超时未更新
  '203': 'REFUSED', // 拒收
  '204': 'DELIVERY_FAILED', // 派件异常
  '205': 'AT_PICKUP_POINT', // 柜或驿站超时未取
  '206': 'DELIVERY_FAILED', // 无法联系
  '207': 'DELIVERY_FAILED', // 超区
  '208': 'STALLED', // 滞留
  '209': 'DAMAGED', // 破损
  '210': 'CANCELLED', // 销单
  '301': 'DELIVERED', // 本人签收
  '302': 'DELIVERED', // 派件异常后签收
  '303': 'DELIVERED', // 代签
  '304': 'DELIVERED', // 投柜或驿站签收
  '501': 'AT_PICKUP_POINT', // 投柜或驿站
};

export function statusFromKuaidi100(code: string): TrackingStatus | null {
  const c = code.trim();
  if (exact[c]) return exact[c];
  // An unknown sub-state: fall back to its main state (201x → 2, 50x → 5, 100x → 0 …).
  if (/^\d{3,4}$/.test(c)) {
    const main = c.length === 4 && c.startsWith('10') ? '0' : c[0]!;
    return exact[main] ?? null;
  }
  return null;
}
