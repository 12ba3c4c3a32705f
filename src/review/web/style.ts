/** The review pages' one stylesheet, served from /static/review.css (the CSP allows no inline style). */
export const REVIEW_CSS = `
:root { font-family: system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
body { margin: 0; }
.top { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.5rem; background: #1d2330; color: #fff; }
.top a { color: #fff; text-decoration: none; margin-right: 1rem; }
.brand { font-weight: 600; }
.who { margin-left: auto; }
.role { font-size: .8em; opacity: .7; }
main { padding: 1rem 1.5rem; max-width: 1200px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
pre.data { background: #fff; border: 1px solid #e3e6ea; padding: .75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.diff .add { background: #e6ffed; } .diff .del { background: #ffeef0; } .diff .hunk { color: #6a737d; }
.card { background: #fff; border: 1px solid #e3e6ea; padding: .75rem 1rem; margin: 1rem 0; }
.inline { display: inline; }
.filters { display: flex; gap: 1rem; flex-wrap: wrap; align-items: end; margin-bottom: 1rem; }
.filters label { display: flex; flex-direction: column; font-size: .85em; }
.sev { padding: .05rem .4rem; border-radius: .2rem; font-size: .85em; background: #e3e6ea; }
.sev-critical { background: #b31d28; color: #fff; } .sev-high { background: #e36209; color: #fff; }
.sev-medium { background: #f9c513; } .sev-low { background: #c8e1ff; }
.overdue { color: #b31d28; font-weight: 600; }
.notice { padding: .5rem .75rem; } .notice.error { background: #ffeef0; } .notice.ok { background: #e6ffed; }
.mono, code { font-family: ui-monospace, monospace; }
.hint { color: #6a737d; font-size: .85em; }
.verdict { background: #fff; border-left: 4px solid #e3e6ea; padding: .25rem .75rem; margin: .5rem 0; }
.verdict.fail { border-color: #b31d28; } .verdict.pass { border-color: #28a745; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
.facts dt { font-weight: 600; }
textarea, input[type=password] { width: 100%; box-sizing: border-box; }
button { padding: .35rem .9rem; }
`;
