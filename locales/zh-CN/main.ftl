app-name = Casework 个案管理
app-tagline = 工会社会工作个案管理系统
home-running = Casework 正在运行。
home-next = 本版本尚未包含工作人员界面；可通过 /api 下的 JSON 接口推进个案流程。
home-health = 服务状态

## 个案阶段
stage-intake = 接案
stage-assessment = 预估
stage-contract = 计划及合约
stage-intervention = 介入
stage-closure = 结案与评估
stage-closed = 已结案

## 流转
transition-advance = 进入下一阶段
transition-step-back = 退回修订
transition-close-early = 提前结案
transition-approve-closure = 批准结案
transition-send-back = 退回介入阶段
transition-reopen = 重新开案

## 个案类型
case-type-counselling = 心理疏导
case-type-family-mediation = 家庭调解
case-type-labour-dispute = 劳动关系协调
case-type-special-group = 特殊职工帮扶

## 可编辑部分
section-details = 个案详情
section-intake = 接案记录
section-assessment = 预估记录
section-contract = 计划及合约
section-sessions = 服务记录
section-closure = 结案记录

## 字段
field-case-assigned-worker = 负责社工
field-case-client-id = 服务对象
field-case-organisation-id = 服务机构
field-case-team-id = 团队
field-case-assigned-worker-id = 负责社工
field-client-full-name = 姓名
field-client-phone = 电话
field-client-employer = 工作单位
field-client-district = 所在区域
field-client-birth-year = 出生年份
field-client-union-id = 所属工会
field-intake-channel = 来源渠道
field-intake-presenting-problem = 求助问题
field-intake-urgency = 紧急程度
field-intake-consent-service = 服务知情同意
field-intake-consent-sensitive = 敏感个人信息处理同意
field-intake-guardian-consent = 监护人同意（服务对象未满十四周岁）
field-assessment-physiological = 生理层面
field-assessment-psychological = 心理层面
field-assessment-social = 社会层面
field-assessment-risk-level = 风险等级
field-assessment-risk-screening = 风险筛查
field-assessment-needs = 需求
field-assessment-strengths = 优势
field-assessment-who5-baseline = 基线 WHO-5 幸福感指数
field-contract-goals = 至少一个服务目标
field-contract-goal-indicators = 每个目标的可测量指标
field-contract-goals-description = 目标描述
field-contract-goals-indicator = 目标指标
field-contract-goals-id = 目标
field-contract-services = 约定的服务及频率
field-contract-frequency = 服务频率
field-contract-client-agreement = 服务对象的同意及日期
field-intervention-sessions = 至少一次服务记录
field-session-duration-minutes = 时长（分钟）
field-session-held-on = 服务日期
field-session-participants = 参与者
field-session-notes = 服务记录内容
field-session-services-delivered = 已提供的服务
field-closure-reason = 结案原因
field-closure-goal-attainment = 每个目标的达成情况
field-closure-who5-closing = 结案时 WHO-5 幸福感指数
field-closure-satisfaction = 服务对象满意度
field-closure-summary = 社工总结
field-closure-follow-up-plan = 跟进计划
field-transition-reason = 原因说明
field-transition-closure-reason = 提前结案原因（拒绝服务、已转介、无法联系、已迁离、其他）
field-details-case-type = 与个案类型相符的详情
field-details-self-harm-screening = 自伤风险筛查
field-details-parties = 当事各方
field-details-conflict = 矛盾情况
field-details-employer = 用人单位
field-details-workers-affected = 涉及职工人数
field-details-amount-in-dispute = 争议金额
field-details-amount-recovered = 追回金额
field-details-outcome = 处理结果
field-details-resources-linked = 已链接资源

field-query-stage = 阶段
field-query-case-type = 个案类型
field-query-limit = 行数
field-transition-transition = 流转

## 字段问题
problem-required = 请填写{ $field }。
problem-too-long = { $field }过长：最多 { $max } 个字符。
problem-out-of-range = { $field }须介于 { $min } 与 { $max } 之间。
problem-unknown = { $field }不存在或不能在此使用。
problem-in-future = { $field }不能晚于今天。
problem-taken = 该{ $field }已被使用。
problem-incorrect = { $field }不正确。
problem-password-too-short = 密码至少需要 { $min } 个字符。
problem-password-too-common = 该密码过于常见或容易被猜到：请使用更长、且不含本人姓名的短语。

## 错误
error-not-found = 未找到：该记录不存在，或您无权查看。
error-conflict = 其他人已修改此个案（当前版本为 { $current }）。您的修改未保存：请重新载入个案后再修改。
error-refused-stage = 个案处于“{ $stage }”阶段：无法在此阶段执行“{ $transition }”。
error-refused-role = 个案处于“{ $stage }”阶段：您的角色不能执行“{ $transition }”。
error-refused-own-case = 个案处于“{ $stage }”阶段：“{ $transition }”须由负责社工以外的督导执行。
error-refused-missing = 个案处于“{ $stage }”阶段：执行“{ $transition }”前须先记录{ $missing }。
error-open-transitions = 当前可执行：{ $open }。
error-no-open-transitions = 在此阶段您没有可执行的流转。
error-edit-refused = 个案处于“{ $stage }”阶段：此阶段不能修改{ $section }。
error-invalid = 部分字段需要修改；未保存任何内容。
error-bad-request = 无法读取请求：{ $detail }
error-malformed-id = “{ $id }”不是有效的编号。
error-unauthenticated = 请先登录。
error-bad-credentials = 用户名或密码错误。
error-throttled = 登录失败次数过多，请 15 分钟后再试。
error-csrf = 无法确认此请求来自您本人的 Casework 页面；未作任何修改。请刷新页面后重试。
error-forbidden = 您可以查看此个案，但无权执行此操作；未作任何修改。
error-payload-too-large = 请求内容过大；未保存任何内容。
error-unavailable = 数据库繁忙或无法连接；未保存任何内容，请稍后重试。
error-internal = 系统出现错误；未保存任何内容，错误已记录。
list-separator = 、

## Accounts and pages
sign-in-title = 登录
sign-in-username = 用户名
sign-in-password = 密码
sign-in-submit = 登录
sign-out = 退出登录
signed-in-as = 当前登录：{ $name }。
setup-title = 初始设置
setup-intro = 目前还没有可登录的账户。请创建您的机构和第一个管理员账户；此链接只能使用一次。
setup-organisation-name = 机构名称
setup-organisation-kind = 机构类型
setup-display-name = 您的姓名
setup-password-hint = 至少 12 个字符；由几个词组成的短语最容易记住。
setup-submit = 创建管理员
setup-invalid-link = 此设置链接无效：已被使用、已过期，或管理员已存在。请联系安装 Casework 的人员，或运行“casework create-user”。
role-social-worker = 社工
role-supervisor = 督导
role-union-officer = 工会干部
role-administrator = 系统管理员
organisation-kind-national-union = 全国总工会
organisation-kind-provincial-union = 省级工会
organisation-kind-city-union = 市级工会
organisation-kind-district-union = 区县工会
organisation-kind-grassroots-union = 基层（企业）工会
organisation-kind-agency = 社会工作服务机构
field-account-username = 用户名
field-account-display-name = 姓名
field-account-password = 密码
field-account-new-password = 新密码
field-account-organisation-id = 机构
field-account-team-ids = 团队
field-setup-organisation-name = 机构名称
field-setup-organisation-kind = 机构类型
field-organisation-name = 机构名称
field-organisation-parent-id = 上级机构
field-team-name = 团队名称
field-team-organisation-id = 机构
field-member-user-id = 用户
field-query-action = 操作
field-account-current-password = 当前密码
