import { describe, expect, it } from 'vitest';
import { defaultLetterhead, escapeHtml, yuanFromFen } from '@shared/documents/html';
import { apologyLetterHtml, letterHtml, negotiationLetterHtml } from '@shared/documents/letters';
import { NO_DATA, shiftReportHtml } from '@shared/documents/shift-report';
import { letterContext, seedLetter } from './fixtures';

/** The visible text of a page: tags dropped, entities read back. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('document templates (pure: data → A4 HTML)', () => {
  it('formats money from fen with grouping, never through floating point', () => {
    expect(yuanFromFen(4820)).toBe('48.20 元');
    expect(yuanFromFen(5)).toBe('0.05 元');
    expect(yuanFromFen(123_456_789)).toBe('1,234,567.89 元');
    expect(yuanFromFen(0)).toBe('0.00 元');
    expect(yuanFromFen(-150)).toBe('-1.50 元');
  });

  it('escapes every character that could open markup', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('the apology letter names every field of the ticket, on A4, zh-CN, and runs no script', () => {
    const html = apologyLetterHtml(seedLetter(), letterContext);
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain("default-src 'none'");
    const text = textOf(html);
    for (const want of [
      '速达快递有限公司 客户服务部',
      '客服热线：400-800-1234',
      '致歉信',
      '投诉编号：TS202611220001',
      '日期：2026年11月23日',
      '尊敬的李先生：',
      '2026年11月22日，您就运单号 SF1234567890123 的快件出现的“破损”问题',
      '赔偿200元损失费',
      '诉求金额 200.00 元',
      '经办人：张伟（工号 1001）',
    ]) {
      expect(text).toContain(want);
    }
  });

  it('the negotiation letter gives the assessed figure with each step and a reply slip', () => {
    const text = textOf(negotiationLetterHtml(seedLetter(), letterContext));
    for (const want of [
      '协商函',
      '事故发生日期：2026年11月20日',
      '核定赔偿金额：48.20 元',
      '未保价：按合同每公斤20.00元赔偿',
      '2.41公斤 × 20.00元 = 48.20元',
      '回执',
      '本人已阅知上述处理意见，核定赔偿金额 48.20 元',
    ]) {
      expect(text).toContain(want);
    }
    expect(letterHtml('negotiation', seedLetter(), letterContext)).toBe(
      negotiationLetterHtml(seedLetter(), letterContext),
    );
  });

  it("prints a customer's markup as text: no tag, no attribute, no script survives", () => {
    const evil = seedLetter({
      customerName: '<img src=x onerror=alert(1)>',
      requestText: '<script>alert("赔我")</script>',
      waybillNumbers: ['"><b>1</b>'],
      steps: ['</li><script>1</script>'],
      agent: { employeeNo: '1001', name: '<i>张</i>' },
    });
    for (const html of [
      apologyLetterHtml(evil, letterContext),
      negotiationLetterHtml(evil, letterContext),
    ]) {
      const body = html.slice(html.indexOf('<body>'));
      expect(body).not.toMatch(/<script|<img|<b>|<i>|onerror=alert\(1\)>/);
      expect(textOf(body)).toContain('<script>alert("赔我")</script>');
      expect(textOf(body)).toContain('尊敬的<img src=x onerror=alert(1)>：');
    }
  });

  it('without a letterhead or an amount it says so, rather than inventing one', () => {
    const text = textOf(
      apologyLetterHtml(seedLetter({ requestedFen: null, customerName: ' ' }), {
        ...letterContext,
        letterhead: defaultLetterhead,
      }),
    );
    expect(text).toContain('未提出具体金额');
    expect(text).toContain('尊敬的客户：');
    expect(text).toContain('请与经办人联系并告知投诉编号');
    expect(text).not.toContain('速达');
  });

  it('the shift report prints the figures it is given and 暂无数据 for every missing source', () => {
    const html = shiftReportHtml(
      {
        subject: { kind: 'agent', employeeNo: '1001', name: '张伟' },
        from: Date.UTC(2026, 10, 22, 0, 0),
        to: Date.UTC(2026, 10, 22, 9, 0),
        timeZone: 'Asia/Shanghai',
        sections: [
          {
            title: '话务',
            rows: [
              { label: '接听量', value: 41 },
              { label: '平均处理时长', value: '3分12秒', note: '通话 + 保持 + 话后' },
              { label: '服务水平（80/20）', value: null, note: '需导入 queue_log' },
              { label: '放弃率', value: Number.NaN },
            ],
          },
          { title: '保价', rows: [] },
        ],
        handover: null,
        printedBy: { employeeNo: '9001', name: '李娜' },
        printedAt: Date.UTC(2026, 10, 22, 9, 5),
      },
      letterContext.letterhead,
    );
    const text = textOf(html);
    expect(text).toContain('值班报告');
    expect(text).toContain('座席：张伟（工号 1001）');
    expect(text).toContain('时段：2026年11月22日 08:00 至 2026年11月22日 17:00');
    expect(text).toContain('接听量41');
    expect(text).toContain('平均处理时长3分12秒通话 + 保持 + 话后');
    expect(text).toContain(`服务水平（80/20）${NO_DATA}需导入 queue_log`);
    expect(text).toContain(`放弃率${NO_DATA}`);
    expect(text).toContain(`保价\n${NO_DATA}`);
    expect(text).toContain(`交接事项\n${NO_DATA}`);
    expect(text).not.toMatch(/NaN|null|undefined/);
  });
});
