namespace CopilotSeats.Reports
{
    /// <summary>
    /// The report's inline style sheet: system fonts only (no web font, no url()), light colours that print, no
    /// page break inside a figure, chart or table row, table headers repeated on every printed page.
    /// </summary>
    internal static class ReportStyle
    {
        public const string Css = @"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; padding: 24px; max-width: 1180px; color: #1f2328; background: #ffffff;
  font: 14px/1.45 -apple-system, ""Segoe UI"", Roboto, ""Helvetica Neue"", Arial, sans-serif; }
h1 { font-size: 24px; margin: 0 0 2px; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
.subtitle { font-size: 16px; margin: 0 0 12px; color: #59636e; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 8px; color: #59636e; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; }
.figure { flex: 1 1 150px; min-width: 150px; padding: 10px 14px; border: 1px solid #d0d7de; border-radius: 6px; }
.figure .value { font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
.figure .unit { font-size: 13px; color: #59636e; }
.figure .label { display: block; font-weight: 600; }
.figure .note { display: block; font-size: 12px; color: #59636e; }
.figure.saving { border-color: #1a7f37; background: #dafbe1; }
.figure.saving .value { color: #1a7f37; }
.warning { padding: 8px 12px; border: 1px solid #d4a72c; background: #fff8c5; border-radius: 6px; }
.charts { display: flex; flex-wrap: wrap; gap: 8px 32px; }
.chart { flex: 1 1 520px; }
.chart h2 { margin-top: 20px; }
svg.chart-svg { max-width: 100%; height: auto; }
svg text { font-size: 12px; fill: #1f2328; font-family: inherit; }
svg text.count { fill: #59636e; }
svg text.caption { fill: #59636e; font-style: italic; }
svg rect { fill: #0969da; }
svg .never rect { fill: #8c959f; }
svg line.axis { stroke: #8c959f; stroke-width: 1; }
.note { color: #59636e; }
.empty { color: #59636e; font-style: italic; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { padding: 4px 8px; text-align: left; border-bottom: 1px solid #d0d7de; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.login { font-weight: 600; word-break: break-all; }
tbody tr:nth-child(even) { background: #f6f8fa; }
footer { margin-top: 28px; font-size: 12px; color: #59636e; }
@page { margin: 14mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .figure, .chart, tr, svg { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
";
    }
}
