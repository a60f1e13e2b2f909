## 成效评估报告
eval-nav = 评估报告
eval-title = 成效评估报告
eval-filters = 选择期间和范围
eval-from = 起始日期
eval-to = 截止日期
eval-team = 小组
eval-whole-agency = 全机构
eval-union = 工会
eval-case-type = 个案类型
eval-all-types = 全部类型
eval-show = 生成报告
eval-errors = 按当前选择无法生成报告，请查看各栏旁的提示。
eval-error-date = 请按 年-月-日 格式填写日期，例如 2026-03-01。
eval-error-order = 截止日期早于起始日期。
eval-error-span = 报告期间最长十年，请缩短期间。
eval-error-type = 请从列表中选择个案类型。
eval-period = { $from } 至 { $to }
eval-scope-union = { $union }及下级工会
eval-generated = 由 { $name } 于 { $when } 生成
eval-download-pdf = 下载 PDF
eval-download-csv = 下载 CSV
eval-no-data = 暂无数据：此范围在本期间内没有任何记录，各项数字均为零。
eval-contents = 报告目录
eval-total = 合计
eval-not-recorded = 未记录
eval-not-rated = 未评分
eval-not-assigned = 未分派
eval-source-self = 网上自行求助
eval-protected-note = 工会汇总：为保护数字背后的服务对象，1 至 4 的计数显示为“<5”；“*”表示该数字不予显示：或是为免由合计推算出较小的计数而隐去的 5 以上的计数，或是基于不足 5 个个案的数字。若一张表的各行均为“*”，每行可为 0 至合计之间的任何数。对外转介只按类别显示。
eval-csv-scope = 范围
eval-csv-disclosure = 数据披露
eval-csv-generated = 生成

## 栏目
eval-col-count = 个案数
eval-col-stage = 阶段
eval-col-stays = 已结束的停留
eval-col-median = 中位数（天）
eval-col-p90 = 第 90 百分位（天）
eval-col-worker = 社工
eval-col-open-at-end = 期末在案
eval-col-opened = 新开案
eval-col-closed = 结案
eval-col-channel = 接案渠道
eval-col-type = 类型
eval-col-month = 月份
eval-col-reason = 原因
eval-col-attainment = 达成程度
eval-col-satisfaction = 满意度
eval-col-source = 转介来源
eval-col-status = 当前状态
eval-col-category = 资源类别
eval-col-resource = 资源
eval-col-union = 工会

## 各部分
eval-section-intake = 接案
eval-intake-channel = 新开个案（按接案渠道）
eval-intake-type = 新开个案（按个案类型）
eval-intake-month = 新开个案（按月）
eval-section-stages = 服务阶段
eval-stage-at-end = 期末各阶段个案数
eval-durations-caption = 各阶段停留天数
eval-durations-note = 在本期间内结束的停留才计入：从进入该阶段（或开案）起，到流程记录中的下一次转换为止。中位数和第 90 百分位以天计，时长按整小时计算。
eval-section-outcomes = 结案与成效
eval-closure-reasons = 本期间结案个案（按结案原因）
eval-attainment = 结案个案的目标（按目标达成量表）
eval-attainment-summary = 目标达成
eval-attainment-mean = 平均达成程度（−2 至 +2）
eval-attainment-reached = 达到预期或更好的目标
eval-who5 = WHO-5 幸福感指数：预估至结案
eval-who5-pairs = 有前后两次评分的结案个案
eval-who5-baseline = 预估时平均分
eval-who5-closing = 结案时平均分
eval-who5-change = 平均变化
eval-who5-improved = 提高 10 分或以上
eval-who5-improved-share = 提高 10 分或以上的比例
eval-satisfaction = 结案个案（按服务对象满意度）
eval-satisfaction-summary = 满意度
eval-satisfaction-mean = 平均满意度（1 至 5）
eval-section-referrals = 转介
eval-referrals-in-source = 收到的转介（按来源）
eval-referrals-in-status = 收到的转介（按当前状态）
eval-referrals-out-category = 转出（按资源类别）
eval-referrals-out-resource = 转出（按资源）
eval-section-caseload = 社工个案量
eval-caseload-caption = 每位社工的个案数
eval-caseload-note = 个案计入目前负责的社工。
eval-section-unions = 按工会
eval-unions-caption = 新开个案（按工会：转介工会，否则为会员所属工会）

## 资源类别
eval-category-legal-aid = 法律援助
eval-category-hospital = 医院
eval-category-psychological-hotline = 心理援助热线
eval-category-womens-federation = 妇联
eval-category-employment-training = 就业与培训
eval-category-civil-affairs = 民政
eval-category-other = 其他

## 审计记录
audit-action-evaluation-view = 查阅评估报告
audit-action-evaluation-export = 下载评估报告

## PDF
eval-pdf-period = 期间
eval-pdf-mark = 内部资料 · 注意保密
eval-pdf-mark-protected = 内部资料 · 工会汇总
