## Case page and stage forms

## 個案頁面
case-stage = 階段
case-worker = 負責社工
case-risk = 風險
case-risk-unassessed = 尚未預估
case-opened = 開案日期
case-progress = 個案階段進度
case-progress-done = 已完成
case-current-stage = 目前階段：{ $stage }
case-closed-title = 本個案已結案
case-closed-read-only = 已結案的個案只能查看。督導可將其重新開案，回到預估階段。
case-read-only = 您可以查看本個案，但只有負責社工和本組督導可以修改或推進。
case-nothing-recorded = 尚無記錄。
case-withheld = 已隱藏（保密內容）
case-withheld-note = 部分保密內容（服務記錄內容、風險篩查、衝突情況等）已隱藏：僅負責社工和督導可查看。
case-confidential-hint = 保密內容：僅負責社工和督導可查看。
case-recorded-by = 由 { $name } 於 { $when } 記錄
case-access-log = 查看本個案的存取記錄
case-moves = 推進個案
case-moves-hint = 此處只顯示您在目前階段可執行的流轉。尚未填寫的內容會在相應欄位旁提示。
case-client = 服務對象
case-client-name = 姓名
case-client-gender = 性別
case-client-birth-year = 出生年份
case-client-phone = 電話
case-client-employer = 工作單位
case-client-union-member = 工會會員
case-client-district = 所在區域
case-client-groups = 特殊職工類別

## 時間線
case-timeline = 個案時間線
case-timeline-opened = 接案開案
case-timeline-session = 記錄服務
case-timeline-saved = 儲存了{ $section }

## 詞彙
case-channel-union-referral = 工會轉介
case-channel-self-referral-online = 網上自行求助
case-channel-hotline = 熱線電話
case-channel-walk-in = 來訪求助
case-channel-outreach-screening = 外展篩查
case-urgency-routine = 一般
case-urgency-soon = 較急（一週內）
case-urgency-urgent = 緊急（48 小時內）
case-urgency-emergency = 危急（當天）
case-risk-low = 低
case-risk-medium = 中
case-risk-high = 高
case-risk-critical = 極高
case-mode-face-to-face = 面談
case-mode-phone = 電話
case-mode-online = 線上
case-mode-home-visit = 家訪
case-mode-group = 小組
case-closure-reason-goals-achieved = 目標達成
case-closure-reason-service-declined = 服務對象拒絕服務
case-closure-reason-referred-out = 已轉介
case-closure-reason-client-unreachable = 無法聯絡服務對象
case-closure-reason-moved-away = 服務對象已遷離
case-closure-reason-other = 其他
case-concern-stress = 壓力
case-concern-anxiety = 焦慮
case-concern-grief = 哀傷
case-concern-trauma = 創傷
case-concern-work-pressure = 工作壓力
case-concern-other = 其他
case-dispute-category-wage-arrears = 拖欠工資
case-dispute-category-contract = 勞動合同
case-dispute-category-dismissal = 解除勞動關係
case-dispute-category-work-injury = 工傷
case-dispute-category-social-insurance = 社會保險
case-dispute-category-working-hours = 工作時間
case-dispute-category-collective = 集體爭議
case-dispute-route-consultation = 諮詢
case-dispute-route-mediation = 調解
case-dispute-route-arbitration = 仲裁
case-dispute-route-litigation = 訴訟
case-group-migrant-worker = 農民工
case-group-women-four-periods = 「四期」女職工
case-group-economic-hardship = 困難職工
case-group-disability = 殘疾職工
case-group-low-skills = 低技能職工
case-group-unemployed = 失業人員
case-need-jobs = 就業
case-need-training = 技能培訓
case-need-financial-aid = 經濟救助
case-need-medical = 醫療
case-need-childcare = 托育
case-gender-female = 女
case-gender-male = 男
case-gender-other = 其他
case-gender-undisclosed = 未說明

## 表單：通用
form-go-to-form = 前往該表單
form-save = 儲存
form-yes = 是
form-no = 否
form-not-yet-known = 尚不確定
form-money-hint = 金額以元為單位，最多兩位小數（例如 3600.50）。
form-money-format = 請輸入以元為單位、最多兩位小數的金額，例如 3600.50。
form-money-range = 請輸入 ¥0.00 至 { $max } 之間的金額。

## 接案
form-intake-channel = 來源渠道
form-intake-presenting-problem = 求助問題（服務對象的表述）
form-intake-urgency = 緊急程度
form-intake-consents = 知情同意
form-intake-consents-hint = 請先向服務對象說明服務內容及個人資料的使用方式，再記錄同意。處理敏感個人資料（健康、家庭、經濟狀況等）須另行取得同意。
form-intake-consent-service = 服務對象已對服務知情同意
form-intake-consent-sensitive = 服務對象已同意處理其敏感個人資料
form-intake-guardian-consent = 監護人已同意
form-intake-guardian-hint = 僅當服務對象可能未滿十四歲時，才需要監護人同意。
form-intake-guardian-needed = 該服務對象可能未滿十四歲（僅知出生年份）：進入預估前須取得監護人同意。
form-intake-consent-recorded = 由 { $name } 於 { $when } 記錄同意。

## 預估
form-assessment-dimensions = 生理—心理—社會評估
form-assessment-physiological = 生理層面（健康、睡眠、身體狀況）
form-assessment-psychological = 心理層面（情緒、想法、應對方式）
form-assessment-social = 社會層面（家庭、工作、支持網絡）
form-assessment-risk = 風險
form-assessment-risk-level = 風險等級
form-assessment-risk-screening = 風險篩查（風險等級的依據）
form-assessment-needs = 需求
form-assessment-strengths = 優勢
form-assessment-who5 = 基線 WHO-5 幸福感指數

## WHO-5
who5-title = WHO-5 幸福感指數
who5-intro = 請服務對象回想過去兩週的感受，逐項選出最接近的答案。
who5-item-1 = 我感到快樂、心情舒暢
who5-item-2 = 我感到寧靜和放鬆
who5-item-3 = 我感到充滿活力、精力充沛
who5-item-4 = 我醒來時感到神清氣爽、休息得很好
who5-item-5 = 我每天的生活充滿了有趣的事情
who5-answer-5 = 所有時間
who5-answer-4 = 大部分時間
who5-answer-3 = 一半以上時間
who5-answer-2 = 一半以下時間
who5-answer-1 = 偶爾
who5-answer-0 = 從未有過
who5-scoring = 儲存時自動計算得分（0—100）：五項得分之和 × 4。得分 50 或以下提示幸福感較低。
who5-saved = 已儲存得分：{ $score } / 100。如需更新，請重新回答全部五項。

## 計劃及合約
form-contract-goals = 服務目標
form-contract-goals-hint = 每個目標都須有可測量的指標。空行不會儲存；儲存後會再提供兩行空白。
form-contract-goal-n = 目標 { $n }
form-contract-goal-description = 服務對象希望達成的目標
form-contract-goal-indicator = 可測量指標
form-contract-goal-target-date = 目標日期
form-contract-goal-remove = 刪除此目標
form-contract-no-goals = 尚未訂定目標。
form-contract-services = 約定的服務
form-contract-frequency = 服務頻率（例如：每週一次，共八週）
form-contract-agreement = 服務對象的同意
form-contract-client-agreed = 服務對象同意本計劃
form-contract-agreed-on = 同意日期

## 介入
form-session-new = 記錄一次服務
form-session-save = 儲存服務記錄
form-session-none = 尚無服務記錄。
form-session-held-on = 服務日期
form-session-duration = 時長（分鐘）
form-session-minutes = { $n } 分鐘
form-session-mode = 服務方式
form-session-participants = 參與者
form-session-notes = 服務記錄內容
form-session-progress-hint = 請評估本次介入在各項服務目標上的進展；本次未涉及的目標可留空。
case-progress-worse = 有所退步
case-progress-no-change = 沒有變化
case-progress-some = 略有進展
case-progress-good = 明顯進展
case-progress-achieved = 目標已達成
form-session-progress = 目標進展
form-session-progress-note = 該目標的進展說明
form-session-services = 已提供的服務

## 結案與評估
form-closure-reason = 結案原因
form-closure-gas = 目標達成量表
form-closure-gas-hint = 請評估計劃中每個目標的達成程度，從 −2（遠低於預期）到 +2（遠高於預期）。
form-closure-attainment = 達成程度
form-closure-who5 = 結案時 WHO-5 幸福感指數
form-closure-satisfaction = 服務對象滿意度
form-closure-summary = 社工總結
form-closure-follow-up = 跟進計劃
gas-minus-2 = 遠低於預期
gas-minus-1 = 略低於預期
gas-0 = 達到預期
gas-plus-1 = 略高於預期
gas-plus-2 = 遠高於預期
form-satisfaction-1 = 非常不滿意
form-satisfaction-2 = 不滿意
form-satisfaction-3 = 普通
form-satisfaction-4 = 滿意
form-satisfaction-5 = 非常滿意

## 個案詳情
form-details-concern = 主要困擾
form-details-self-harm-screening = 自傷風險篩查
form-details-preferred-mode = 希望的服務方式
form-details-parties = 當事各方
form-details-conflict = 衝突情況
form-details-agreement-reached = 是否達成協議
form-details-employer = 用人單位
form-details-category = 爭議類別
form-details-workers-affected = 涉及職工人數
form-details-amount-in-dispute = 爭議金額（元）
form-details-amount-recovered = 追回金額（元）
form-details-route = 處理途徑
form-details-outcome = 處理結果
form-details-groups = 服務對象所屬類別
form-details-needs = 需求
form-details-resources-linked = 已連結資源

## 流轉
form-move-reason = 原因（將記入時間線）
form-move-note = 備註（選填）
form-move-closure-reason = 提前結案原因

## 未能儲存
form-conflict-alert = 在您填寫期間，其他人已儲存了本個案，因此您的內容尚未儲存。
form-csrf-alert = 此頁面已過期（您可能在另一個分頁中登出後又重新登入），因此未儲存任何內容。您輸入的內容保留在下方表單中：請檢查後重新送出。
form-conflict-title = 有哪些變化
form-conflict-intro = 以下欄位現在儲存的內容與您填寫的不同：
form-conflict-saved = 目前已儲存
form-conflict-yours = 您填寫的
form-conflict-no-changes = 本表單各欄位仍與您填寫的一致；變化發生在個案的其他部分（見時間線）。
form-conflict-kept = 您填寫的內容已保留在下方表單中，並已更新為最新版本：請核對後再次儲存。
form-conflict-session = 您開啟頁面後個案已有變化（見時間線）。您的服務記錄保留在下方表單中，尚未儲存。
form-conflict-duplicate-session = 服務記錄中已有一筆日期、時長、方式和參與者都相同的記錄：您第一次提交已經儲存。只有在確屬另一次服務時才需再次儲存。
form-conflict-transition = 您開啟頁面後個案已有變化，現處於「{ $stage }」階段。請先查看時間線再操作。
form-unsaved-title = 您填寫的內容（未儲存）
form-unsaved-intro = 個案目前階段已不能填寫此表單。請從這裡複製您需要的內容：

form-signed-out-title = 登入已失效
form-signed-out-intro = 您已登出（長時間無操作，或在其他視窗登出），因此未儲存任何內容。您填寫的內容見下方：請重新登入，開啟個案後再次填寫。
form-signed-out-sign-in = 重新登入（新分頁）
form-signed-out-case = 返回個案

## 提示訊息用的欄位名稱
field-assessment-who5-items = WHO-5 全部五項的回答
field-closure-who5-items = WHO-5 全部五項的回答
field-contract-goals-target-date = 目標日期
field-contract-agreed-on = 同意日期
field-session-mode = 服務方式
field-details-concern = 主要困擾
field-details-preferred-mode = 希望的服務方式
field-details-category = 爭議類別
field-details-route = 處理途徑
field-details-agreement-reached = 是否達成協議
field-details-groups = 所屬類別
field-details-needs = 需求
