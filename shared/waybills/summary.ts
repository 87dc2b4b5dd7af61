/** The text an agent copies for a customer (微信/短信): Chinese, phones never included. */
import type { WaybillDetail } from '../contract';
import { localParts } from '../common/calendar';
import { carriers } from './waybill';
import type { TrackingStatus } from './tracking';

export const trackingStatusZh: Record<TrackingStatus, string> = {
  ORDER_CREATED: '已下单',
  PICKED_UP: '已揽收',
  IN_TRANSIT: '运输中',
  ARRIVED_DEST_CITY: '已到达目的城市',
  OUT_FOR_DELIVERY: '派送中',
  AT_PICKUP_POINT: '待取件（驿站/快递柜）',
  DELIVERED: '已签收',
  DELIVERY_FAILED: '派送未成功',
  STALLED: '疑难件',
  DAMAGED: '破损',
  LOST: '丢失',
  REFUSED: '拒签',
  RETURNING: '退回中',
  RETURNED: '已退回',
  REDIRECTED: '已转寄',
  CANCELLED: '已取消',
};

export function formatLocalTime(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

export function waybillSummaryText(d: WaybillDetail, timeZone: string): string {
  const w = d.waybill;
  const carrier = (carriers as Record<string, { name: string }>)[w.carrier]?.name ?? w.carrier;
  const last = d.events[0];
  const lines = [
    `运单号：${w.number}（${carrier}）`,
    `状态：${trackingStatusZh[w.status]}`,
    `线路：${w.originCity} → ${w.destCity}`,
    last ? `最新动态：${formatLocalTime(last.at, timeZone)} ${last.description}` : '最新动态：暂无',
  ];
  if (w.promisedAt !== null) lines.push(`承诺送达：${formatLocalTime(w.promisedAt, timeZone)} 前`);
  if (d.source === 'mirror' && d.asOf !== null)
    lines.push(`（以上为 ${formatLocalTime(d.asOf, timeZone)} 的数据）`);
  return lines.join('\n');
}
