import { fillParams, type Lang } from '../../app/i18n/messages';
import type { ImportKind } from './imports.api';

/** The page's own words, Chinese first; kept beside the page that uses them. */
const TEXT = {
  title: { zh: '数据导入', en: 'Import' },
  intro: {
    zh: '按派出所台账的格式导入实有人口、实有房屋、实有单位和出租房屋。先预览并逐行检查，修正全部错误后一次性提交：要么全部写入，要么一条也不写。',
    en: 'Import the registers in the layouts stations keep. Preview checks every row; fix every error, then commit: all rows are written, or none.',
  },
  kind: { zh: '导入内容', en: 'Register' },
  template: { zh: '下载模板', en: 'Download template' },
  choose: { zh: '选择 Excel (.xlsx) 或 CSV 文件', en: 'Choose an Excel (.xlsx) or CSV file' },
  dropHint: { zh: '点击或拖入文件；CSV 可为 UTF-8 或 GBK 编码', en: 'Click or drop a file; CSV may be UTF-8 or GBK' },
  rows: { zh: '总行数', en: 'Rows' },
  errorRows: { zh: '有错误的行', en: 'Rows with errors' },
  ready: { zh: '全部检查通过，可以提交', en: 'Every row passed: ready to commit' },
  errorsTitle: { zh: '错误清单（修正后自动复查）', en: 'Errors (checked again when fixed)' },
  row: { zh: '行号', en: 'Row' },
  column: { zh: '列', en: 'Column' },
  problem: { zh: '问题', en: 'Problem' },
  fix: { zh: '修正', en: 'Fix' },
  commit: { zh: '确认导入', en: 'Commit' },
  discard: { zh: '放弃', en: 'Discard' },
  committed: { zh: '导入完成：{rows} 行，新增 {created}，更新 {updated}', en: 'Imported {rows} rows: {created} new, {updated} updated' },
  discarded: { zh: '已放弃本次导入', en: 'Import discarded' },
  another: { zh: '再导入一个文件', en: 'Import another file' },
  fixTitle: { zh: '修正第 {row} 行', en: 'Fix row {row}' },
  fixSave: { zh: '保存并复查', en: 'Save and check' },
  stillErrors: { zh: '仍有错误：', en: 'Still wrong:' },
} as const;

export type TextKey = keyof typeof TEXT;

export function text(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const KIND_LABELS: Record<ImportKind, { zh: string; en: string }> = {
  people: { zh: '实有人口', en: 'Population' },
  houses: { zh: '实有房屋', en: 'Houses' },
  units: { zh: '实有单位', en: 'Units' },
  rentals: { zh: '出租房屋', en: 'Rental houses' },
};
