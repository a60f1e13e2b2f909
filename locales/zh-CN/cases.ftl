## Case page and stage forms

## 个案页面
case-stage = 阶段
case-worker = 负责社工
case-risk = 风险
case-risk-unassessed = 尚未预估
case-opened = 开案日期
case-progress = 个案阶段进度
case-progress-done = 已完成
case-current-stage = 当前阶段：{ $stage }
case-closed-title = 本个案已结案
case-closed-read-only = 已结案的个案只能查看。督导可将其重新开案，回到预估阶段。
case-read-only = 您可以查看本个案，但只有负责社工和本组督导可以修改或推进。
case-nothing-recorded = 尚无记录。
case-withheld = 已隐藏（保密内容）
case-withheld-note = 部分保密内容（服务记录内容、风险筛查、矛盾情况等）已隐藏：仅负责社工和督导可查看。
case-confidential-hint = 保密内容：仅负责社工和督导可查看。
case-recorded-by = 由 { $name } 于 { $when } 记录
case-access-log = 查看本个案的访问记录
case-moves = 推进个案
case-moves-hint = 此处只显示您在当前阶段可执行的流转。尚未填写的内容会在相应字段旁提示。
case-client = 服务对象
case-client-name = 姓名
case-client-gender = 性别
case-client-birth-year = 出生年份
case-client-phone = 电话
case-client-employer = 工作单位
case-client-union-member = 工会会员
case-client-district = 所在区域
case-client-groups = 特殊职工类别

## 时间线
case-timeline = 个案时间线
case-timeline-opened = 接案开案
case-timeline-session = 记录服务
case-timeline-saved = 保存了{ $section }

## 词汇
case-channel-union-referral = 工会转介
case-channel-self-referral-online = 网上自行求助
case-channel-hotline = 热线电话
case-channel-walk-in = 来访求助
case-channel-outreach-screening = 外展筛查
case-urgency-routine = 一般
case-urgency-soon = 较急（一周内）
case-urgency-urgent = 紧急（48 小时内）
case-urgency-emergency = 危急（当天）
case-risk-low = 低
case-risk-medium = 中
case-risk-high = 高
case-risk-critical = 极高
case-mode-face-to-face = 面谈
case-mode-phone = 电话
case-mode-online = 线上
case-mode-home-visit = 家访
case-mode-group = 小组
case-closure-reason-goals-achieved = 目标达成
case-closure-reason-service-declined = 服务对象拒绝服务
case-closure-reason-referred-out = 已转介
case-closure-reason-client-unreachable = 无法联系服务对象
case-closure-reason-moved-away = 服务对象已迁离
case-closure-reason-other = 其他
case-concern-stress = 压力
case-concern-anxiety = 焦虑
case-concern-grief = 哀伤
case-concern-trauma = 创伤
case-concern-work-pressure = 工作压力
case-concern-other = 其他
case-dispute-category-wage-arrears = 拖欠工资
case-dispute-category-contract = 劳动合同
case-dispute-category-dismissal = 解除劳动关系
case-dispute-category-work-injury = 工伤
case-dispute-category-social-insurance = 社会保险
case-dispute-category-working-hours = 工作时间
case-dispute-category-collective = 集体争议
case-dispute-route-consultation = 咨询
case-dispute-route-mediation = 调解
case-dispute-route-arbitration = 仲裁
case-dispute-route-litigation = 诉讼
case-group-migrant-worker = 农民工
case-group-women-four-periods = “四期”女职工
case-group-economic-hardship = 困难职工
case-group-disability = 残疾职工
case-group-low-skills = 低技能职工
case-group-unemployed = 失业人员
case-need-jobs = 就业
case-need-training = 技能培训
case-need-financial-aid = 经济救助
case-need-medical = 医疗
case-need-childcare = 托育
case-gender-female = 女
case-gender-male = 男
case-gender-other = 其他
case-gender-undisclosed = 未说明

## 表单：通用
form-go-to-form = 前往该表单
form-save = 保存
form-yes = 是
form-no = 否
form-not-yet-known = 尚不确定
form-money-hint = 金额以元为单位，最多两位小数（例如 3600.50）。
form-money-format = 请输入以元为单位、最多两位小数的金额，例如 3600.50。
form-money-range = 请输入 ¥0.00 至 { $max } 之间的金额。

## 接案
form-intake-channel = 来源渠道
form-intake-presenting-problem = 求助问题（服务对象的表述）
form-intake-urgency = 紧急程度
form-intake-consents = 知情同意
form-intake-consents-hint = 请先向服务对象说明服务内容及个人信息的使用方式，再记录同意。处理敏感个人信息（健康、家庭、经济状况等）须另行取得同意。
form-intake-consent-service = 服务对象已对服务知情同意
form-intake-consent-sensitive = 服务对象已同意处理其敏感个人信息
form-intake-guardian-consent = 监护人已同意
form-intake-guardian-hint = 仅当服务对象可能未满十四周岁时，才需要监护人同意。
form-intake-guardian-needed = 该服务对象可能未满十四周岁（仅知出生年份）：进入预估前须取得监护人同意。
form-intake-consent-recorded = 由 { $name } 于 { $when } 记录同意。

## 预估
form-assessment-dimensions = 生理—心理—社会评估
form-assessment-physiological = 生理层面（健康、睡眠、身体状况）
form-assessment-psychological = 心理层面（情绪、想法、应对方式）
form-assessment-social = 社会层面（家庭、工作、支持网络）
form-assessment-risk = 风险
form-assessment-risk-level = 风险等级
form-assessment-risk-screening = 风险筛查（风险等级的依据）
form-assessment-needs = 需求
form-assessment-strengths = 优势
form-assessment-who5 = 基线 WHO-5 幸福感指数

## WHO-5
who5-title = WHO-5 幸福感指数
who5-intro = 请服务对象回想过去两周的感受，逐项选出最接近的答案。
who5-item-1 = 我感到快乐、心情舒畅
who5-item-2 = 我感到宁静和放松
who5-item-3 = 我感到充满活力、精力充沛
who5-item-4 = 我醒来时感到神清气爽、休息得很好
who5-item-5 = 我每天的生活充满了有趣的事情
who5-answer-5 = 所有时间
who5-answer-4 = 大部分时间
who5-answer-3 = 一半以上时间
who5-answer-2 = 一半以下时间
who5-answer-1 = 偶尔
who5-answer-0 = 从未有过
who5-scoring = 保存时自动计算得分（0—100）：五项得分之和 × 4。得分 50 或以下提示幸福感较低。
who5-saved = 已保存得分：{ $score } / 100。如需更新，请重新回答全部五项。

## 计划及合约
form-contract-goals = 服务目标
form-contract-goals-hint = 每个目标都须有可测量的指标。空行不会保存；保存后会再提供两行空白。
form-contract-goal-n = 目标 { $n }
form-contract-goal-description = 服务对象希望达成的目标
form-contract-goal-indicator = 可测量指标
form-contract-goal-target-date = 目标日期
form-contract-goal-remove = 删除此目标
form-contract-no-goals = 尚未制定目标。
form-contract-services = 约定的服务
form-contract-frequency = 服务频率（例如：每周一次，共八周）
form-contract-agreement = 服务对象的同意
form-contract-client-agreed = 服务对象同意本计划
form-contract-agreed-on = 同意日期

## 介入
form-session-new = 记录一次服务
form-session-save = 保存服务记录
form-session-none = 尚无服务记录。
form-session-held-on = 服务日期
form-session-duration = 时长（分钟）
form-session-minutes = { $n } 分钟
form-session-mode = 服务方式
form-session-participants = 参与者
form-session-notes = 服务记录内容
form-session-progress-hint = 请评估本次介入在各项服务目标上的进展；本次未涉及的目标可留空。
case-progress-worse = 有所退步
case-progress-no-change = 没有变化
case-progress-some = 略有进展
case-progress-good = 明显进展
case-progress-achieved = 目标已达成
form-session-progress = 目标进展
form-session-progress-note = 该目标的进展说明
form-session-services = 已提供的服务

## 结案与评估
form-closure-reason = 结案原因
form-closure-gas = 目标达成量表
form-closure-gas-hint = 请评估计划中每个目标的达成程度，从 −2（远低于预期）到 +2（远高于预期）。
form-closure-attainment = 达成程度
form-closure-who5 = 结案时 WHO-5 幸福感指数
form-closure-satisfaction = 服务对象满意度
form-closure-summary = 社工总结
form-closure-follow-up = 跟进计划
gas-minus-2 = 远低于预期
gas-minus-1 = 略低于预期
gas-0 = 达到预期
gas-plus-1 = 略高于预期
gas-plus-2 = 远高于预期
form-satisfaction-1 = 非常不满意
form-satisfaction-2 = 不满意
form-satisfaction-3 = 一般
form-satisfaction-4 = 满意
form-satisfaction-5 = 非常满意

## 个案详情
form-details-concern = 主要困扰
form-details-self-harm-screening = 自伤风险筛查
form-details-preferred-mode = 希望的服务方式
form-details-parties = 当事各方
form-details-conflict = 矛盾情况
form-details-agreement-reached = 是否达成协议
form-details-employer = 用人单位
form-details-category = 争议类别
form-details-workers-affected = 涉及职工人数
form-details-amount-in-dispute = 争议金额（元）
form-details-amount-recovered = 追回金额（元）
form-details-route = 处理途径
form-details-outcome = 处理结果
form-details-groups = 服务对象所属类别
form-details-needs = 需求
form-details-resources-linked = 已链接资源

## 流转
form-move-reason = 原因（将记入时间线）
form-move-note = 备注（选填）
form-move-closure-reason = 提前结案原因

## 未能保存
form-conflict-alert = 在您填写期间，其他人已保存了本个案，因此您的内容尚未保存。
form-csrf-alert = 此页面已过期（您可能在另一个标签页中退出后又重新登录），因此未保存任何内容。您输入的内容保留在下方表单中：请检查后重新提交。
form-conflict-title = 有哪些变化
form-conflict-intro = 以下字段现在保存的内容与您填写的不同：
form-conflict-saved = 当前已保存
form-conflict-yours = 您填写的
form-conflict-no-changes = 本表单各字段仍与您填写的一致；变化发生在个案的其他部分（见时间线）。
form-conflict-kept = 您填写的内容已保留在下方表单中，并已更新为最新版本：请核对后再次保存。
form-conflict-session = 您打开页面后个案已有变化（见时间线）。您的服务记录保留在下方表单中，尚未保存。
form-conflict-duplicate-session = 服务记录中已有一条日期、时长、方式和参与者都相同的记录：您第一次提交已经保存。只有在确属另一次服务时才需再次保存。
form-conflict-transition = 您打开页面后个案已有变化，现处于“{ $stage }”阶段。请先查看时间线再操作。
form-unsaved-title = 您填写的内容（未保存）
form-unsaved-intro = 个案当前阶段已不能填写此表单。请从这里复制您需要的内容：

form-signed-out-title = 登录已失效
form-signed-out-intro = 您已退出登录（长时间无操作，或在其他窗口退出），因此未保存任何内容。您填写的内容见下方：请重新登录，打开个案后再次填写。
form-signed-out-sign-in = 重新登录（新标签页）
form-signed-out-case = 返回个案

## 提示信息用的字段名
field-assessment-who5-items = WHO-5 全部五项的回答
field-closure-who5-items = WHO-5 全部五项的回答
field-contract-goals-target-date = 目标日期
field-contract-agreed-on = 同意日期
field-session-mode = 服务方式
field-details-concern = 主要困扰
field-details-preferred-mode = 希望的服务方式
field-details-category = 争议类别
field-details-route = 处理途径
field-details-agreement-reached = 是否达成协议
field-details-groups = 所属类别
field-details-needs = 需求
