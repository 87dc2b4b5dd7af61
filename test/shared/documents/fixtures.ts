import type { LetterContext, LetterInput } from '@shared/documents/letters';

/** The seed's case 1 as the complaints feature hands it to a letter (hand-made). */
export const seedLetter = (over: Partial<LetterInput> = {}): LetterInput => ({
  ticketNumber: 'TS202611220001',
  customerName: '李先生',
  waybillNumbers: ['SF1234567890123'],
  type: 'damage',
  receivedAt: Date.UTC(2026, 10, 22, 1, 0), // 2026-11-22 09:00 in Shanghai
  incidentAt: Date.UTC(2026, 10, 20, 6, 0),
  requestText: '赔偿200元损失费',
  requestedFen: 20_000,
  payableFen: 4820,
  steps: ['未保价：按合同每公斤20.00元赔偿', '2.41公斤 × 20.00元 = 48.20元'],
  agent: { employeeNo: '1001', name: '张伟' },
  timeZone: 'Asia/Shanghai',
  ...over,
});

export const letterContext: LetterContext = {
  letterhead: {
    company: '速达快递有限公司',
    department: '客户服务部',
    hotline: '400-800-1234',
    address: '广州市天河区天河路1号',
  },
  printedAt: Date.UTC(2026, 10, 23, 2, 0),
};
