## 成效評估報告
eval-nav = 評估報告
eval-title = 成效評估報告
eval-filters = 選擇期間和範圍
eval-from = 起始日期
eval-to = 截止日期
eval-team = 小組
eval-whole-agency = 全機構
eval-union = 工會
eval-case-type = 個案類型
eval-all-types = 全部類型
eval-show = 產生報告
eval-errors = 依目前的選擇無法產生報告，請查看各欄旁的提示。
eval-error-date = 請依 年-月-日 格式填寫日期，例如 2026-03-01。
eval-error-order = 截止日期早於起始日期。
eval-error-span = 報告期間最長十年，請縮短期間。
eval-error-type = 請從清單中選擇個案類型。
eval-period = { $from } 至 { $to }
eval-scope-union = { $union }及下級工會
eval-generated = 由 { $name } 於 { $when } 產生
eval-download-pdf = 下載 PDF
eval-download-csv = 下載 CSV
eval-no-data = 暫無資料：此範圍在本期間內沒有任何紀錄，各項數字均為零。
eval-contents = 報告目錄
eval-total = 合計
eval-not-recorded = 未紀錄
eval-not-rated = 未評分
eval-not-assigned = 未分派
eval-source-self = 線上自行求助
eval-protected-note = 工會彙整：為保護數字背後的服務對象，1 至 4 的計數顯示為「<5」；「*」表示該數字不予顯示：或是為免由合計推算出較小的計數而隱去的 5 以上的計數，或是基於不足 5 個個案的數字。若一張表的各行均為「*」，每行可為 0 至合計之間的任何數。對外轉介只按類別顯示。
eval-csv-scope = 範圍
eval-csv-disclosure = 資料揭露
eval-csv-generated = 產生

## 欄位
eval-col-count = 個案數
eval-col-stage = 階段
eval-col-stays = 已結束的停留
eval-col-median = 中位數（天）
eval-col-p90 = 第 90 百分位（天）
eval-col-worker = 社工
eval-col-open-at-end = 期末在案
eval-col-opened = 新開案
eval-col-closed = 結案
eval-col-channel = 接案管道
eval-col-type = 類型
eval-col-month = 月份
eval-col-reason = 原因
eval-col-attainment = 達成程度
eval-col-satisfaction = 滿意度
eval-col-source = 轉介來源
eval-col-status = 目前狀態
eval-col-category = 資源類別
eval-col-resource = 資源
eval-col-union = 工會

## 各部分
eval-section-intake = 接案
eval-intake-channel = 新開個案（依接案管道）
eval-intake-type = 新開個案（依個案類型）
eval-intake-month = 新開個案（依月份）
eval-section-stages = 服務階段
eval-stage-at-end = 期末各階段個案數
eval-durations-caption = 各階段停留天數
eval-durations-note = 在本期間內結束的停留才計入：從進入該階段（或開案）起，到流程紀錄中的下一次轉換為止。中位數和第 90 百分位以天計，時長按整小時計算。
eval-section-outcomes = 結案與成效
eval-closure-reasons = 本期間結案個案（依結案原因）
eval-attainment = 結案個案的目標（依目標達成量表）
eval-attainment-summary = 目標達成
eval-attainment-mean = 平均達成程度（−2 至 +2）
eval-attainment-reached = 達到預期或更好的目標
eval-who5 = WHO-5 幸福感指數：預估至結案
eval-who5-pairs = 有前後兩次評分的結案個案
eval-who5-baseline = 預估時平均分
eval-who5-closing = 結案時平均分
eval-who5-change = 平均變化
eval-who5-improved = 提高 10 分或以上
eval-who5-improved-share = 提高 10 分或以上的比例
eval-satisfaction = 結案個案（依服務對象滿意度）
eval-satisfaction-summary = 滿意度
eval-satisfaction-mean = 平均滿意度（1 至 5）
eval-section-referrals = 轉介
eval-referrals-in-source = 收到的轉介（依來源）
eval-referrals-in-status = 收到的轉介（依目前狀態）
eval-referrals-out-category = 轉出（依資源類別）
eval-referrals-out-resource = 轉出（依資源）
eval-section-caseload = 社工個案量
eval-caseload-caption = 每位社工的個案數
eval-caseload-note = 個案計入目前負責的社工。
eval-section-unions = 依工會
eval-unions-caption = 新開個案（依工會：轉介工會，否則為會員所屬工會）

## 資源類別
eval-category-legal-aid = 法律扶助
eval-category-hospital = 醫院
eval-category-psychological-hotline = 心理諮詢專線
eval-category-womens-federation = 婦女聯合會
eval-category-employment-training = 就業與職訓
eval-category-civil-affairs = 社會福利（民政）
eval-category-other = 其他

## 稽核紀錄
audit-action-evaluation-view = 查閱評估報告
audit-action-evaluation-export = 下載評估報告

## PDF
eval-pdf-period = 期間
eval-pdf-mark = 內部資料 · 注意保密
eval-pdf-mark-protected = 內部資料 · 工會彙整
