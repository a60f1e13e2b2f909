# 督导：审批、督导意见、重新分派、团队督导总览。

transition-submit-plan = 提交计划审批
transition-approve-plan = 批准计划
transition-return-plan = 退回计划修订

field-transition-comment = 给社工的督导意见
field-approval-plan = 督导对服务计划的批准（此类个案须经审批：请提交计划审批）
field-approval-plan-policy = 此类个案的计划审批（此类个案无须审批：请直接进入下一阶段）
field-approval-plan-not-submitted = 尚未提交的计划（计划已在等待督导审批）
field-approval-plan-submitted = 已提交审批的计划
field-approval-closure = 督导的结案审批（此类个案须经审批）
field-note-body = 督导意见
field-note-target-id = 所批注的记录
field-note-target-kind = 记录类别
field-assignment-worker-id = 接手社工（须为本小组在职的其他社工）
field-assignment-reason = 原因
field-policy-case-type = 个案类别
section-assignment = 负责社工

audit-action-approval-policy-change = 修改审批设置

nav-approvals = 待审批
nav-approvals-count = 有 { $count } 项等待您审批
nav-team = 团队督导
nav-approval-settings = 审批设置

flash-note-added = 督导意见已添加。
flash-reassigned = 个案已重新分派。
flash-policy-saved = 审批设置已保存。

supervision-days-ago = { $days ->
    [0] 今天
   *[other] { $days } 天前
}
supervision-worker = 负责社工
supervision-requested = 提交人
supervision-list-truncated = 仅列出前面的条目。

supervision-approval-plan = 服务计划
supervision-approval-closure = 结案
supervision-approvals-title = 待审批
supervision-approvals-intro = 您所督导小组中已提交审批的服务计划和待批准的结案，按等待时间先后排列。您本人负责的个案不在此列，须由其他督导审批。
supervision-approvals-empty = 目前没有等待您审批的事项。
supervision-approvals-review = 到个案页面审阅并决定

supervision-awaiting-plan = 服务计划正在等待督导审批。
supervision-awaiting-closure = 结案正在等待督导审批。
supervision-awaiting-since = 由{ $name }于{ $when }提交。
supervision-move-comment = 给社工的督导意见（必填，将记入时间线）

supervision-notes-title = 督导意见
supervision-note-add = 添加督导意见
supervision-note-body = 督导意见
supervision-note-hint = 社工会在此处、在这条记录旁看到您的意见。
supervision-note-hint-confidential = 社工会在此处、在这条记录旁看到您的意见；与该记录一样，同组其他社工看不到。
supervision-note-save = 保存督导意见

supervision-reassign-title = 重新分派个案
supervision-reassign-to = 改由以下社工负责
supervision-reassign-reason = 原因（选填）
supervision-reassign-submit = 重新分派
supervision-reassign-nobody = 本小组没有其他社工可以接手此个案。
supervision-timeline-reassigned = 重新分派
supervision-timeline-note = 督导意见
supervision-timeline-note-on-intake = 针对接案记录
supervision-timeline-note-on-assessment = 针对预估记录
supervision-timeline-note-on-contract = 针对计划及合约
supervision-timeline-note-on-session = 针对一次服务记录
supervision-timeline-note-on-closure = 针对结案记录

supervision-team-title = 团队督导总览
supervision-team-workload = 各社工在办个案
supervision-team-total = 合计
supervision-team-unassigned = 尚未接案
supervision-team-no-workers = 您督导的小组暂无社工，也没有在办个案。
supervision-team-alerts = 预警
supervision-team-thresholds = 超过 { $no_contact } 天未跟进；接案后 { $intake } 天内未进入预估；高风险或极高风险个案 { $risk } 天内没有服务记录；介入阶段服务目标已过期限。
supervision-team-no-alerts = 暂无预警：所有在办个案都在时限之内。

supervision-alert-intake-not-assessed = 接案超时未预估
supervision-alert-no-contact = 超时未跟进
supervision-alert-risk-without-session = 高风险个案近期无服务
supervision-alert-plan-past-target = 服务计划目标逾期
supervision-alert-intake-detail = 已在接案阶段 { $days } 天，自 { $since } 起。
supervision-alert-no-contact-detail = 已 { $days } 天没有与服务对象相关的记录；最近一次跟进：{ $since }。
supervision-alert-risk-detail = 最近一次服务：{ $last }。
supervision-alert-risk-detail-none = 尚无任何服务记录。
supervision-alert-plan-detail = 服务目标期限已过：{ $since }。

supervision-settings-title = 审批设置
supervision-settings-intro = 按个案类别设定本机构哪些环节须经督导审批。须审批的服务计划由社工提交，由负责社工以外的督导批准或附意见退回；结案同理。
supervision-settings-type = 个案类别
supervision-settings-plan = 服务计划（计划及合约 → 介入）
supervision-settings-closure = 结案（结案与评估 → 已结案）
supervision-settings-required = 须经审批
supervision-settings-changed = 最近修改
supervision-settings-default = 默认（两项均须审批）
supervision-settings-hint = 已在等待审批的个案不受影响：关闭审批后，已提交的计划仍可批准或退回。
supervision-settings-save = 保存设置
