app-name = Casework 個案管理
app-tagline = 工會社會工作個案管理系統
home-running = Casework 正在運行。
home-next = 本版本尚未包含工作人員介面；可透過 /api 下的 JSON 介面推進個案流程。
home-health = 服務狀態

## 個案階段
stage-intake = 接案
stage-assessment = 預估
stage-contract = 計劃及合約
stage-intervention = 介入
stage-closure = 結案與評估
stage-closed = 已結案

## 流轉
transition-advance = 進入下一階段
transition-step-back = 退回修訂
transition-close-early = 提前結案
transition-approve-closure = 批准結案
transition-send-back = 退回介入階段
transition-reopen = 重新開案

## 個案類型
case-type-counselling = 心理疏導
case-type-family-mediation = 家庭調解
case-type-labour-dispute = 勞動關係協調
case-type-special-group = 特殊職工幫扶

## 可編輯部分
section-details = 個案詳情
section-intake = 接案記錄
section-assessment = 預估記錄
section-contract = 計劃及合約
section-sessions = 服務記錄
section-closure = 結案記錄

## 欄位
field-case-assigned-worker = 負責社工
field-case-client-id = 服務對象
field-case-organisation-id = 服務機構
field-case-team-id = 團隊
field-case-assigned-worker-id = 負責社工
field-client-full-name = 姓名
field-client-phone = 電話
field-client-employer = 工作單位
field-client-district = 所在區域
field-client-birth-year = 出生年份
field-client-union-id = 所屬工會
field-intake-channel = 來源渠道
field-intake-presenting-problem = 求助問題
field-intake-urgency = 緊急程度
field-intake-consent-service = 服務知情同意
field-intake-consent-sensitive = 敏感個人資料處理同意
field-intake-guardian-consent = 監護人同意（服務對象未滿十四歲）
field-assessment-physiological = 生理層面
field-assessment-psychological = 心理層面
field-assessment-social = 社會層面
field-assessment-risk-level = 風險等級
field-assessment-risk-screening = 風險篩查
field-assessment-needs = 需求
field-assessment-strengths = 優勢
field-assessment-who5-baseline = 基線 WHO-5 幸福感指數
field-contract-goals = 至少一個服務目標
field-contract-goal-indicators = 每個目標的可測量指標
field-contract-goals-description = 目標描述
field-contract-goals-indicator = 目標指標
field-contract-goals-id = 目標
field-contract-services = 約定的服務及頻率
field-contract-frequency = 服務頻率
field-contract-client-agreement = 服務對象的同意及日期
field-intervention-sessions = 至少一次服務記錄
field-session-duration-minutes = 時長（分鐘）
field-session-held-on = 服務日期
field-session-participants = 參與者
field-session-notes = 服務記錄內容
field-session-services-delivered = 已提供的服務
field-closure-reason = 結案原因
field-closure-goal-attainment = 每個目標的達成情況
field-closure-who5-closing = 結案時 WHO-5 幸福感指數
field-closure-satisfaction = 服務對象滿意度
field-closure-summary = 社工總結
field-closure-follow-up-plan = 跟進計劃
field-transition-reason = 原因說明
field-transition-closure-reason = 提前結案原因（拒絕服務、已轉介、無法聯繫、已遷離、其他）
field-details-case-type = 與個案類型相符的詳情
field-details-self-harm-screening = 自傷風險篩查
field-details-parties = 當事各方
field-details-conflict = 矛盾情況
field-details-employer = 用人單位
field-details-workers-affected = 涉及職工人數
field-details-amount-in-dispute = 爭議金額
field-details-amount-recovered = 追回金額
field-details-outcome = 處理結果
field-details-resources-linked = 已連結資源

field-query-stage = 階段
field-query-case-type = 個案類型
field-query-limit = 行數
field-transition-transition = 流轉

## 欄位問題
problem-required = 請填寫{ $field }。
problem-too-long = { $field }過長：最多 { $max } 個字元。
problem-out-of-range = { $field }須介於 { $min } 與 { $max } 之間。
problem-unknown = { $field }不存在或不能在此使用。
problem-in-future = { $field }不能晚於今天。
problem-taken = 該{ $field }已被使用。
problem-incorrect = { $field }不正確。
problem-password-too-short = 密碼至少需要 { $min } 個字元。
problem-password-too-common = 該密碼過於常見或容易被猜到：請使用更長、且不含本人姓名的短語。

## 錯誤
error-not-found = 找不到：該記錄不存在，或您無權查看。
error-conflict = 其他人已修改此個案（目前版本為 { $current }）。您的修改未儲存：請重新載入個案後再修改。
error-refused-stage = 個案處於「{ $stage }」階段：無法在此階段執行「{ $transition }」。
error-refused-role = 個案處於「{ $stage }」階段：您的角色不能執行「{ $transition }」。
error-refused-own-case = 個案處於「{ $stage }」階段：「{ $transition }」須由負責社工以外的督導執行。
error-refused-missing = 個案處於「{ $stage }」階段：執行「{ $transition }」前須先記錄{ $missing }。
error-open-transitions = 目前可執行：{ $open }。
error-no-open-transitions = 在此階段您沒有可執行的流轉。
error-edit-refused = 個案處於「{ $stage }」階段：此階段不能修改{ $section }。
error-invalid = 部分欄位需要修改；未儲存任何內容。
error-bad-request = 無法讀取請求：{ $detail }
error-malformed-id = 「{ $id }」不是有效的編號。
error-unauthenticated = 請先登入。
error-bad-credentials = 使用者名稱或密碼錯誤。
error-throttled = 登入失敗次數過多，請 15 分鐘後再試。
error-csrf = 無法確認此請求來自您本人的 Casework 頁面；未作任何修改。請重新整理頁面後重試。
error-forbidden = 您可以查看此個案，但無權執行此操作；未作任何修改。
error-payload-too-large = 請求內容過大；未儲存任何內容。
error-unavailable = 資料庫繁忙或無法連線；未儲存任何內容，請稍後再試。
error-internal = 系統發生錯誤；未儲存任何內容，錯誤已記錄。
list-separator = 、

## Accounts and pages
sign-in-title = 登入
sign-in-username = 使用者名稱
sign-in-password = 密碼
sign-in-submit = 登入
sign-out = 登出
signed-in-as = 目前登入：{ $name }。
setup-title = 初始設定
setup-intro = 目前還沒有可登入的帳戶。請建立您的機構和第一個管理員帳戶；此連結只能使用一次。
setup-organisation-name = 機構名稱
setup-organisation-kind = 機構類型
setup-display-name = 您的姓名
setup-password-hint = 至少 12 個字元；由幾個詞組成的短語最容易記住。
setup-submit = 建立管理員
setup-invalid-link = 此設定連結無效：已被使用、已過期，或管理員已存在。請聯絡安裝 Casework 的人員，或執行「casework create-user」。
role-social-worker = 社工
role-supervisor = 督導
role-union-officer = 工會幹部
role-administrator = 系統管理員
organisation-kind-national-union = 全國總工會
organisation-kind-provincial-union = 省級工會
organisation-kind-city-union = 市級工會
organisation-kind-district-union = 區縣工會
organisation-kind-grassroots-union = 基層（企業）工會
organisation-kind-agency = 社會工作服務機構
field-account-username = 使用者名稱
field-account-display-name = 姓名
field-account-password = 密碼
field-account-new-password = 新密碼
field-account-organisation-id = 機構
field-account-team-ids = 團隊
field-setup-organisation-name = 機構名稱
field-setup-organisation-kind = 機構類型
field-organisation-name = 機構名稱
field-organisation-parent-id = 上級機構
field-team-name = 團隊名稱
field-team-organisation-id = 機構
field-member-user-id = 使用者
field-query-action = 操作
field-account-current-password = 目前密碼
