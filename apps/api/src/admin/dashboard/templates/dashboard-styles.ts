/**
 * The dashboard's one stylesheet, inline (the CSP allows nothing else). Failing things are red
 * and come first; numbers are right-aligned in tabular figures; under 700 px every table row
 * becomes a card whose cells are labelled from their `data-label`, except the all-number tables
 * (queues, consumers), which stay tables with tighter cells and scroll inside their section.
 */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #5b636e; --line: #d8dde3; --page: #f4f5f7;
  --card: #fff; --bad: #b42318; --bad-bg: #fef1f0; --ok: #1a7f37; --warn: #9a6700; --accent: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.top { background: #24292f; color: #fff; padding: 10px 20px; display: flex;
  align-items: center; gap: 16px; flex-wrap: wrap; }
header.top h1 { font-size: 16px; margin: 0; font-weight: 600; }
header.top .meta { color: #c9d1d9; font-size: 12px; margin-left: auto; }
header.top form { margin: 0; }
main { max-width: 1240px; margin: 0 auto; padding: 16px 20px 40px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
  margin: 0 0 16px; overflow: hidden; }
section > h2 { font-size: 14px; margin: 0; padding: 10px 14px; border-bottom: 1px solid var(--line);
  background: #fafbfc; display: flex; gap: 8px; align-items: baseline; }
section > h2 .count { color: var(--muted); font-weight: 400; }
section > p.empty { margin: 0; padding: 12px 14px; color: var(--muted); }
.strip { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px;
  margin: 0 0 16px; }
.tile { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.tile .label { color: var(--muted); font-size: 12px; }
.tile .value { font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
.tile.bad { border-color: var(--bad); background: var(--bad-bg); }
.tile.bad .value { color: var(--bad); }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 7px 14px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  font-weight: 600; background: #fafbfc; }
tr:last-child td { border-bottom: 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.scroll { overflow-x: auto; }
tr.failing td { background: var(--bad-bg); }
tr.failing td:first-child { box-shadow: inset 3px 0 0 var(--bad); }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px;
  font-weight: 600; white-space: nowrap; border: 1px solid currentColor; }
.badge.ok { color: var(--ok); }
.badge.bad { color: #fff; background: var(--bad); border-color: var(--bad); }
.badge.warn { color: var(--warn); }
.badge.muted { color: var(--muted); }
.bad-text { color: var(--bad); font-weight: 600; }
.sub { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eef1f4;
  padding: 0 4px; border-radius: 3px; overflow-wrap: anywhere; }
.error-message { font-size: 12px; color: var(--bad); overflow-wrap: anywhere; }
a { color: var(--accent); }
button { font: inherit; font-size: 13px; padding: 4px 10px; border-radius: 5px; cursor: pointer;
  border: 1px solid #afb8c1; background: #f6f8fa; color: var(--ink); white-space: nowrap; }
button:hover { background: #eaeef2; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
header.top button { background: transparent; color: #fff; border-color: #57606a; }
.notice { border: 1px solid var(--line); border-left: 3px solid var(--ok); background: var(--card);
  padding: 8px 12px; border-radius: 6px; margin: 0 0 16px; }
.components { display: flex; gap: 8px; flex-wrap: wrap; margin: 0 0 12px; }
ul.plain { margin: 0; padding: 0; list-style: none; }
ul.plain li + li { margin-top: 2px; }
.login { max-width: 360px; margin: 12vh auto; background: var(--card); border: 1px solid var(--line);
  border-radius: 6px; padding: 22px; }
.login h1 { font-size: 18px; margin: 0 0 14px; }
.login label { display: block; font-weight: 600; margin-bottom: 6px; }
.login input { width: 100%; font: inherit; padding: 7px 9px; border: 1px solid #afb8c1;
  border-radius: 5px; margin-bottom: 14px; }
.login .error { color: var(--bad); background: var(--bad-bg); border: 1px solid var(--bad);
  border-radius: 5px; padding: 7px 10px; margin-bottom: 14px; }
.login p.hint { color: var(--muted); font-size: 12px; margin: 14px 0 0; }
@media (max-width: 700px) {
  main { padding: 12px 10px 32px; }
  header.top { padding: 10px 12px; }
  header.top .meta { margin-left: 0; }
  table.cards, table.cards tbody { display: block; }
  table.cards thead { display: none; }
  table.cards tr { display: block; border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.cards tr:last-child { border-bottom: 0; }
  table.cards td { display: flex; gap: 12px; justify-content: space-between; border: 0;
    padding: 3px 12px; text-align: right; }
  table.cards td::before { content: attr(data-label); color: var(--muted); font-size: 12px;
    font-weight: 400; text-align: left; flex: none; }
  table.cards td.lead { display: block; text-align: left; }
  table.cards td.lead::before { content: none; }
  table.compact { font-size: 13px; }
  table.compact th, table.compact td { padding: 6px 4px; }
  table.compact th:first-child, table.compact td:first-child { padding-left: 10px; }
  table.compact th { font-size: 11px; text-transform: none; letter-spacing: 0; font-weight: 400; }
  table.compact code { overflow-wrap: normal; }
  table.cards tr.failing td:first-child { box-shadow: none; }
  table.cards tr.failing { border-left: 3px solid var(--bad); background: var(--bad-bg); }
}
`;
