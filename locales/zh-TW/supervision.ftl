# 督導：審批、督導意見、重新分派、團隊督導總覽。

transition-submit-plan = 提交計劃審批
transition-approve-plan = 核准計劃
transition-return-plan = 退回計劃修訂

field-transition-comment = 給社工的督導意見
field-approval-plan = 督導對服務計劃的核准（此類個案須經審批：請提交計劃審批）
field-approval-plan-policy = 此類個案的計劃審批（此類個案無須審批：請直接進入下一階段）
field-approval-plan-not-submitted = 尚未提交的計劃（計劃已在等待督導審批）
field-approval-plan-submitted = 已提交審批的計劃
field-approval-closure = 督導的結案審批（此類個案須經審批）
field-note-body = 督導意見
field-note-target-id = 所批註的紀錄
field-note-target-kind = 紀錄類別
field-assignment-worker-id = 接手社工（須為本小組在職的其他社工）
field-assignment-reason = 原因
field-policy-case-type = 個案類別
section-assignment = 負責社工

audit-action-approval-policy-change = 修改審批設定

nav-approvals = 待審批
nav-approvals-count = 有 { $count } 項等待您審批
nav-team = 團隊督導
nav-approval-settings = 審批設定

flash-note-added = 督導意見已新增。
flash-reassigned = 個案已重新分派。
flash-policy-saved = 審批設定已儲存。

supervision-days-ago = { $days ->
    [0] 今天
   *[other] { $days } 天前
}
supervision-worker = 負責社工
supervision-requested = 提交人
supervision-list-truncated = 僅列出前面的項目。

supervision-approval-plan = 服務計劃
supervision-approval-closure = 結案
supervision-approvals-title = 待審批
supervision-approvals-intro = 您所督導小組中已提交審批的服務計劃和待核准的結案，依等待時間先後排列。您本人負責的個案不在此列，須由其他督導審批。
supervision-approvals-empty = 目前沒有等待您審批的事項。
supervision-approvals-review = 到個案頁面審閱並決定

supervision-awaiting-plan = 服務計劃正在等待督導審批。
supervision-awaiting-closure = 結案正在等待督導審批。
supervision-awaiting-since = 由{ $name }於{ $when }提交。
supervision-move-comment = 給社工的督導意見（必填，將記入時間線）

supervision-notes-title = 督導意見
supervision-note-add = 新增督導意見
supervision-note-body = 督導意見
supervision-note-hint = 社工會在此處、在這筆紀錄旁看到您的意見。
supervision-note-hint-confidential = 社工會在此處、在這筆紀錄旁看到您的意見；與該紀錄一樣，同組其他社工看不到。
supervision-note-save = 儲存督導意見

supervision-reassign-title = 重新分派個案
supervision-reassign-to = 改由以下社工負責
supervision-reassign-reason = 原因（選填）
supervision-reassign-submit = 重新分派
supervision-reassign-nobody = 本小組沒有其他社工可以接手此個案。
supervision-timeline-reassigned = 重新分派
supervision-timeline-note = 督導意見
supervision-timeline-note-on-intake = 針對接案記錄
supervision-timeline-note-on-assessment = 針對預估記錄
supervision-timeline-note-on-contract = 針對計劃及合約
supervision-timeline-note-on-session = 針對一次服務記錄
supervision-timeline-note-on-closure = 針對結案記錄

supervision-team-title = 團隊督導總覽
supervision-team-workload = 各社工在辦個案
supervision-team-total = 合計
supervision-team-unassigned = 尚未接案
supervision-team-no-workers = 您督導的小組暫無社工，也沒有在辦個案。
supervision-team-alerts = 預警
supervision-team-thresholds = 超過 { $no_contact } 天未跟進；接案後 { $intake } 天內未進入預估；高風險或極高風險個案 { $risk } 天內沒有服務紀錄；介入階段服務目標已過期限。
supervision-team-no-alerts = 暫無預警：所有在辦個案都在時限之內。

supervision-alert-intake-not-assessed = 接案逾時未預估
supervision-alert-no-contact = 逾時未跟進
supervision-alert-risk-without-session = 高風險個案近期無服務
supervision-alert-plan-past-target = 服務計劃目標逾期
supervision-alert-intake-detail = 已在接案階段 { $days } 天，自 { $since } 起。
supervision-alert-no-contact-detail = 已 { $days } 天沒有與服務對象相關的紀錄；最近一次跟進：{ $since }。
supervision-alert-risk-detail = 最近一次服務：{ $last }。
supervision-alert-risk-detail-none = 尚無任何服務紀錄。
supervision-alert-plan-detail = 服務目標期限已過：{ $since }。

supervision-settings-title = 審批設定
supervision-settings-intro = 依個案類別設定本機構哪些環節須經督導審批。須審批的服務計劃由社工提交，由負責社工以外的督導核准或附意見退回；結案亦同。
supervision-settings-type = 個案類別
supervision-settings-plan = 服務計劃（計劃及合約 → 介入）
supervision-settings-closure = 結案（結案與評估 → 已結案）
supervision-settings-required = 須經審批
supervision-settings-changed = 最近修改
supervision-settings-default = 預設（兩項均須審批）
supervision-settings-hint = 已在等待審批的個案不受影響：關閉審批後，已提交的計劃仍可核准或退回。
supervision-settings-save = 儲存設定
