// The report's stylesheet, inlined so the page is one file that works offline and prints well.
export const PAGE_STYLE = `
:root { --ink: #1d232b; --muted: #5d6670; --line: #d9dee3; --band: #f5f7f9; --pass: #1e7b45; --fail: #b3261e; --notrun: #6b7280; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 8px; padding-top: 12px; border-top: 2px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 8px; }
p, li { max-width: 80ch; }
.lede { color: var(--muted); margin: 0 0 16px; }
.verdict { display: inline-block; font-size: 18px; font-weight: 700; padding: 6px 14px; border-radius: 6px; color: #fff; margin: 8px 0 12px; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); } .verdict.notrun { background: var(--notrun); }
.verdict-reasons { margin: 0 0 12px; padding-left: 20px; } .verdict-reasons li { margin: 2px 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 16px; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
.notes { background: #fff8e6; border: 1px solid #f0d9a0; border-radius: 6px; padding: 8px 16px 8px 32px; }
.notes li { margin: 4px 0; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
td.num, th.num { text-align: right; } td.num { white-space: nowrap; }
.cell-note { white-space: normal; max-width: 26ch; margin-left: auto; color: var(--muted); font-size: 12px; text-align: left; }
.table-scroll { max-width: 100%; overflow-x: auto; }
main { overflow-wrap: break-word; }
td.scope { font-weight: 600; background: #fff !important; }
td.highlight, tr.highlight td { background: #fdecea !important; }
td.bad { color: var(--fail); font-weight: 700; }
.badge { display: inline-block; min-width: 3.2em; text-align: center; font-size: 12px; font-weight: 700; padding: 1px 6px; border-radius: 4px; color: #fff; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.notrun { background: var(--notrun); }
.badge.muted { opacity: 0.55; }
.bound { color: var(--muted); margin-right: 6px; white-space: nowrap; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; padding: 8px 8px 4px; border: 1px solid var(--line); border-radius: 6px; background: #fff; max-width: 100%; }
figure.chart figcaption { font-weight: 600; margin: 0 4px 2px; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart p { color: var(--muted); font-size: 13px; margin: 2px 4px 4px; }
.notrun-box { color: var(--muted); border: 1px dashed var(--line); border-radius: 6px; padding: 10px 14px; }
td.nowrap { white-space: nowrap; }
td.status { white-space: nowrap; font-weight: 700; }
td.status.pass { color: var(--pass); } td.status.fail { color: var(--fail); } td.status.notrun { color: var(--notrun); }
code { font-size: 13px; background: var(--band); padding: 0 4px; border-radius: 3px; }
footer { margin-top: 48px; color: var(--muted); font-size: 13px; }
@media print { h2 { break-before: auto; } figure.chart { break-inside: avoid; } }
`;
