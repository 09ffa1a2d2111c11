// The certification site's look: the old MobilePay site's purple headings, blue pill buttons and white
// cards on a grey band, kept plain. Status is never colour alone: every badge carries a word too.

/** GET /certification/assets/styles.css. */
export const STYLES_CSS = `:root {
  --ink: #1f1d2b;
  --heading: #3d3659;
  --accent: #5a6cf6;
  --accent-dark: #3f4fd6;
  --band: #f4f4f1;
  --line: #d9d6e6;
  --muted: #5c5a66;
  --passed: #0b6b2f;
  --failed: #a3101c;
  --progress: #7a4f00;
  color-scheme: light;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  color: var(--ink);
  line-height: 1.45;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--band); }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.5rem; z-index: 10; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
.hero {
  background: #fff; display: flex; flex-wrap: wrap; gap: 2rem; justify-content: space-between;
  padding: 1.5rem 2.5rem 2rem;
}
.intro { max-width: 38rem; }
h1 { color: var(--heading); font-size: 2.2rem; margin: 0 0 0.5rem; }
h2 { color: var(--accent); font-size: 1.35rem; margin: 0 0 0.75rem; }
h3 { color: var(--accent); font-size: 1.1rem; margin: 0 0 0.4rem; }
.note { font-weight: 600; }
.stepper { display: flex; list-style: none; margin: 1rem 0 0; padding: 0; counter-reset: step; }
.stepper li {
  display: flex; flex-direction: column; align-items: center; width: 6.5rem; font-size: 0.8rem;
  color: var(--muted); text-align: center; position: relative;
}
.stepper li + li::before {
  content: ''; position: absolute; top: 1.1rem; right: 50%; width: 100%; height: 2px; background: var(--line);
  z-index: 0;
}
.stepper .dot {
  width: 2.3rem; height: 2.3rem; border-radius: 50%; background: var(--line); margin-bottom: 0.3rem; z-index: 1;
}
.stepper li.done .dot, .stepper li[aria-current='step'] .dot { background: var(--heading); }
.stepper li.done + li::before, .stepper li[aria-current='step']::before { background: var(--heading); }
.stepper li[aria-current='step'] { color: var(--ink); font-weight: 700; }
main { max-width: 62rem; margin: 0 auto; padding: 2rem 1rem 3rem; }
main:focus { outline: none; }
.card { background: #fff; border-radius: 8px; padding: 1.5rem 1.75rem; margin-bottom: 1.5rem; }
label { display: block; font-weight: 600; color: var(--heading); font-size: 0.9rem; margin: 0.9rem 0 0.3rem; }
input, select, textarea {
  width: 100%; max-width: 28rem; font: inherit; padding: 0.5rem 0.7rem; border: 1px solid #c9c7d3;
  border-radius: 2px; background: #fff;
}
textarea { max-width: none; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; }
input[aria-invalid='true'] { border-color: var(--failed); }
.hint { color: var(--muted); font-size: 0.8rem; margin: 0.25rem 0 0; }
.field-error { color: var(--failed); font-size: 0.85rem; margin: 0.25rem 0 0; }
button, .button {
  display: inline-block; font: inherit; font-weight: 700; border: 0; border-radius: 999px; cursor: pointer;
  background: var(--accent); color: #fff; padding: 0.6rem 1.8rem; text-decoration: none;
}
button:hover, .button:hover { background: var(--accent-dark); }
button.secondary, .button.secondary { background: #e6e5ee; color: var(--heading); }
button:disabled { background: #b9b8c0; color: #fff; cursor: not-allowed; }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; justify-content: flex-end; margin-top: 1.25rem; }
.actions.sticky { position: sticky; bottom: 0; background: var(--band); padding: 0.75rem 0; }
.alert { background: #fbe1e3; color: var(--failed); border-radius: 6px; padding: 0.75rem 1rem; margin-bottom: 1rem; }
.action-status { text-align: right; color: var(--muted); min-height: 1.5em; }
fieldset { border: 0; margin: 0; padding: 0; }
legend { color: var(--accent); font-size: 1.35rem; font-weight: 700; margin-bottom: 0.75rem; }
.options { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem 2rem; }
.option {
  display: flex; gap: 0.8rem; border: 1px solid var(--line); border-radius: 4px; padding: 1rem 1.2rem;
  margin: 0; font-weight: 400; color: var(--ink); cursor: pointer;
}
.option:has(input:checked) { border: 2px solid var(--accent); }
.option input { width: auto; margin-top: 0.3rem; }
.option strong { display: block; color: var(--ink); }
.option span { font-size: 0.85rem; color: var(--muted); }
.session-list { list-style: none; padding: 0; }
.session-list li { display: flex; gap: 1rem; align-items: center; justify-content: space-between; padding: 0.4rem 0; }
.config dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0; }
.config dt { font-weight: 600; color: var(--heading); }
.config dd { margin: 0; overflow-wrap: anywhere; font-family: ui-monospace, Menlo, Consolas, monospace; }
.now { border-left: 6px solid var(--accent); }
.now dl { margin: 0.5rem 0 0; }
.now dt { font-weight: 700; color: var(--heading); margin-top: 0.5rem; }
.now dd { margin: 0.1rem 0 0; }
.section-title { color: var(--heading); font-size: 1.6rem; margin: 2rem 0 0.25rem; }
.case { display: flex; gap: 1.5rem; justify-content: space-between; }
.case-body { flex: 1; min-width: 0; }
.case-status { width: 8rem; text-align: center; font-weight: 700; color: var(--heading); }
.case-status .icon { display: block; font-size: 2.4rem; line-height: 1.2; }
.steps { list-style: none; padding: 0; margin: 0.75rem 0 0; }
.steps li { padding: 0.3rem 0; border-top: 1px solid #efeef4; }
.steps li.not-tested > .step-line { color: #a9a7b3; }
.steps li.current > .step-line { font-weight: 700; }
.step-line { display: flex; gap: 0.5rem; align-items: baseline; }
.badge { border-radius: 4px; padding: 0 0.4rem; font-size: 0.75rem; font-weight: 700; white-space: nowrap; }
.badge.passed, .passed .icon { color: var(--passed); } .badge.passed { background: #dff3e6; }
.badge.failed, .failed .icon { color: var(--failed); } .badge.failed { background: #fbe1e3; }
.badge.in-progress, .in-progress .icon { color: var(--progress); } .badge.in-progress { background: #fdf0cf; }
.badge.not-tested { color: var(--muted); background: #ececf1; } .not-tested .icon { color: var(--accent); }
.reason { margin: 0.2rem 0 0 1.5rem; font-size: 0.9rem; }
.reason.failed { color: var(--failed); font-weight: 600; }
details { margin: 0.2rem 0 0 1.5rem; font-size: 0.88rem; }
summary { cursor: pointer; color: var(--accent-dark); }
details dl { margin: 0.3rem 0; }
details dt { font-weight: 700; color: var(--heading); }
details dd { margin: 0 0 0.3rem; }
.verdict.passed { color: var(--passed); font-weight: 700; }
.verdict.failed { color: var(--failed); font-weight: 700; }
.footer { display: flex; gap: 1.5rem; justify-content: center; padding: 1rem 0 2rem; font-size: 0.9rem; }
.footer a { color: var(--accent-dark); }
@media (max-width: 40rem) {
  .hero { padding: 1rem; }
  .case { flex-direction: column; }
  .case-status { width: auto; text-align: left; }
}
@media print {
  body { background: #fff; }
  .actions, .footer, .skip-link, form { display: none; }
  .card { padding: 0.5rem 0; }
}
`;
