import type { OrderDraft, OrderDraftInput } from '@shared/orders/order';
import { orderDraftSchema } from '@shared/orders/order';
import type { RateTable } from '@shared/orders/rates';
import { shippedRateTable } from '../../../electron/core/features/orders/rate-table';

/** The shipped rate table, parsed as the core parses it. */
export const rates: RateTable = shippedRateTable();

/** A complete, valid order (深圳 → 杭州, documents, standard, 寄付), to be varied by tests. */
export function draft(patch: (o: OrderDraftInput) => void = () => undefined): OrderDraft {
  const o: OrderDraftInput = {
    sender: {
      name: '张伟',
      phone: '13800138000',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      detail: '科苑路15号',
    },
    recipient: {
      name: '李娜',
      phone: '0571-87654321',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路90号',
    },
    goods: { description: '合同文件', category: 'documents', pieces: 1, weightKg: 0.5 },
    service: 'standard',
    pickup: { date: '2026-12-02', slot: 'afternoon' },
    payment: { method: 'sender' },
    declaredValueFen: null,
    insurance: { outcome: null },
    remarks: null,
  };
  patch(o);
  return orderDraftSchema.parse(o);
}

export const ctx = {
  table: rates,
  today: '2026-12-02',
  priorClaim: false,
  customerClass: 'B' as const,
};
