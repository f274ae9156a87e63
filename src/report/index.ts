// The HTML report. Re-exports only.
export { renderReport, renderReportHtml } from './render-report.js';
export { collectReportData } from './report-data.js';
export type { ReportData, ReportOptions } from './report-data.js';
export type { ReportLang } from './ui-strings.js';
export { withoutMinusZero } from './signed-zero.js';
