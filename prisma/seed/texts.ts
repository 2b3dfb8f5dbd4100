// Chinese texts of the demo records (descriptions, findings, hidden dangers, objections).
import type { HiddenDangerSource } from "../../lib/generated/prisma/enums";

export const ACCIDENT_KINDS = ["顶板", "瓦斯", "运输", "机电", "水害", "放炮", "火灾", "其他"];

const ACCIDENT_TEXT: string[][] = [
  ["采煤工作面端头发生局部冒顶", "掘进工作面迎头片帮冒顶", "巷道维修时顶板垮落"],
  ["掘进工作面瓦斯积聚引发瓦斯燃烧", "采空区瓦斯涌出导致窒息", "回风巷瓦斯超限未撤人"],
  ["斜巷运输跑车", "带式输送机机头处人员被卷入", "无极绳绞车运输伤人"],
  ["检修时误送电触电", "采煤机检修时机械伤害", "提升机制动失灵"],
  ["掘进工作面透老空水", "工作面底板突水", "雨季地表水溃入井下"],
  ["放炮警戒不到位炸伤人员", "处理拒爆时违章作业", "爆破后过早进入工作面"],
  ["外因火灾产生有毒有害气体", "带式输送机着火", "采空区自然发火"],
  ["人员坠落", "高处作业坠落", "井下作业人员被物体打击"],
];

export function accidentDescription(kind: number, variant: number, deaths: number, injuries: number): string {
  const texts = ACCIDENT_TEXT[kind] ?? ACCIDENT_TEXT[7];
  const text = texts[variant % texts.length];
  return `${ACCIDENT_KINDS[kind] ?? "其他"}事故：${text}，造成${deaths}人死亡${injuries > 0 ? `、${injuries}人受伤` : ""}。`;
}

/** The fifteen kinds of major hidden danger of the coal-mine criteria (煤矿重大事故隐患判定标准). */
export const MAJOR_DANGERS = [
  "超能力、超强度或者超定员组织生产",
  "瓦斯超限作业",
  "煤与瓦斯突出矿井未依照规定实施防突出措施",
  "高瓦斯、煤与瓦斯突出矿井未按照规定建立瓦斯抽采系统",
  "通风系统不完善、不可靠",
  "有严重水患，未采取有效措施",
  "超层越界开采",
  "有冲击地压危险，未采取有效措施",
  "自然发火严重，未采取有效措施",
  "使用明令禁止使用或者淘汰的设备、工艺",
  "煤矿没有双回路供电系统",
  "新建煤矿边建设边生产，煤矿改扩建期间在改扩建区域生产",
  "煤矿实行整体承包生产经营后，未重新取得或者及时变更安全生产许可证而从事生产",
  "煤矿改制期间，未明确安全生产责任人和安全管理机构",
  "其他重大事故隐患",
];

export function dangerDescription(kind: number, source: HiddenDangerSource): string {
  const name = MAJOR_DANGERS[kind % MAJOR_DANGERS.length];
  return source === "REGULATOR" ? `监管检查发现：${name}。` : `企业自查上报：${name}。`;
}

const FINDINGS: Record<string, string[]> = {
  E01: ["安全生产目标未分解到区队", "矿长安全承诺未公开"],
  E02: ["安全管理机构人员配备不足", "未按规定配备副总工程师"],
  E03: ["岗位安全生产责任制不完善", "安全管理制度未及时修订"],
  E04: ["特种作业人员未持证上岗", "新入矿人员培训学时不足"],
  E05: ["年度安全风险辨识评估报告内容不全", "重大安全风险管控措施未落实"],
  E06: ["事故隐患排查记录不完整", "隐患整改未闭环销号"],
  E07: ["局部通风机未实现双风机双电源自动切换", "部分巷道风速不符合规定", "瓦斯检查存在空班漏检"],
  E08: ["地质说明书未及时更新", "探放水设计审批不规范", "采掘工程平面图未及时填绘"],
  E09: ["工作面支护质量不达标", "端头支护不规范"],
  E10: ["掘进工作面临时支护不到位", "巷道成型质量差"],
  E11: ["设备失爆", "电缆吊挂不规范", "保护装置未定期试验"],
  E12: ["斜巷跑车防护装置不完善", "带式输送机保护不齐全"],
  E13: ["应急预案未按规定演练", "调度值班记录不全"],
  E14: ["粉尘监测不符合规定", "职业健康检查不及时"],
  E15: ["持续改进措施未落实到位", "考核评价结果未有效应用"],
  P01: ["穿孔作业平台宽度不足", "钻机作业区域安全距离不够"],
  P02: ["爆破警戒范围不足", "爆破器材管理不规范"],
  P03: ["采装工作面台阶高度超限", "电铲作业区域人员管理不到位"],
  P04: ["运输道路挡车墙不完善", "卡车制动性能检测不及时"],
  P05: ["排土场平台反坡不符合要求", "排土场边坡监测不到位"],
  P06: ["供电线路维护不及时", "电气设备接地不规范"],
  P07: ["边坡位移监测数据分析不及时", "非工作帮边坡角超过设计"],
  P08: ["疏干排水能力不足", "雨季防排水措施未落实"],
};

export function findingText(elementCode: string, variant: number): string {
  const list = FINDINGS[elementCode] ?? ["存在不符合考核标准的问题"];
  return list[variant % list.length];
}

export const OBJECTIONS = [
  "反映该矿存在超能力组织生产的情况，请核实后再定级。",
  "举报该矿申报材料与现场实际不符。",
  "反映该矿近期有隐瞒作业地点的情况。",
  "反映该矿安全培训记录不完整，请核查。",
];

export const REJECTIONS = ["申报材料不全，退回补充后重新申报。", "初审发现自评报告与现场不符，不予受理。"];

export const SPOT_NOTES: Record<string, string> = {
  GRADE_MAINTAINED: "抽查结果符合所定等级的考核标准，维持等级。",
  RECTIFICATION_ORDERED: "发现问题较多，责令限期整改，整改后复查。",
  DOWNGRADE_PROPOSED: "抽查得分达不到所定等级的考核标准，建议降低等级。",
  REVOCATION_PROPOSED: "抽查得分达不到三级标准化考核标准，建议撤消等级。",
};
