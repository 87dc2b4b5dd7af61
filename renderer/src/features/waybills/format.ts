import { carriers } from '@shared/waybills/waybill';

/** Tag colour of each tracking status. */
export const statusColor: Record<string, string> = {
  DELIVERED: 'green',
  OUT_FOR_DELIVERY: 'blue',
  AT_PICKUP_POINT: 'cyan',
  IN_TRANSIT: 'geekblue',
  ARRIVED_DEST_CITY: 'geekblue',
  PICKED_UP: 'default',
  ORDER_CREATED: 'default',
  DELIVERY_FAILED: 'orange',
  STALLED: 'orange',
  RETURNING: 'gold',
  RETURNED: 'gold',
  REFUSED: 'red',
  DAMAGED: 'red',
  LOST: 'red',
  REDIRECTED: 'purple',
  CANCELLED: 'default',
};

/** A carrier's name ('顺丰速运') from its code; an unknown code shows as is. */
export function carrierName(code: string): string {
  return (carriers as Record<string, { name: string }>)[code]?.name ?? code;
}

/** An amount in fen as yuan: ¥23.00. */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
