/** Run reports: HTML, JSON, CSV and NumPy exports of a run's points, pure (no DOM, no Node). */
export { escapeHtml } from './escape.ts';
export { csvField, csvNumber, CSV_COLUMNS, pointsToCsv, type CsvOptions } from './csv.ts';
export { pointsToJson, type PointsDocument } from './json.ts';
export { npyRowIds, pointsToNpz, spectraToNpy, thetaToNpy, toNpy } from './npy.ts';
export { buildHtmlReport, formatNumber, type HtmlReportInput, type ReportChart } from './html.ts';
export { lossIndexFit, reportFigures, summaryRows, type ReportFigures, type SummaryRow } from './summary.ts';
export { focusRecord, pointRecords, traceSample, type ReportMeta, type ReportRun, type ReportTrace } from './report-data.ts';
export { crc32, readStoredZip, toNpz } from './npz.ts';
