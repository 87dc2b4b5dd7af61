/**
 * Holiday schedules for the import tests: the State Council's real 2026 notice (its items as
 * published), and a 2027 schedule made up for the tests (the real one is not published yet), as
 * the notice's text and as the package's JSON — the same days both ways.
 */
export const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。`;

export const notice2027 = `关于2027年部分节假日安排的通知（测试用）
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。
三、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
四、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。`;

const days = (from: string, n: number, name: string) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
      name,
    ]),
  );

const ny = "New Year's Day,元旦";
const sf = 'Spring Festival,春节';
const ld = 'Labour Day,劳动节';
const nd = 'National Day,国庆节';

/** `notice2027` in the chinese-days JSON shape. */
export const SCHEDULE_2027 = {
  holidays: {
    ...days('2027-01-01', 3, ny),
    ...days('2027-02-05', 7, sf),
    ...days('2027-05-01', 5, ld),
    ...days('2027-10-01', 7, nd),
  },
  workdays: {
    '2027-02-20': sf,
    '2027-04-25': ld,
    '2027-05-08': ld,
    '2027-09-26': nd,
    '2027-10-09': nd,
  },
};
