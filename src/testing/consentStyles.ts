/** The consent page's inline stylesheet, tinted with the provider's brand colour. */
export function consentStyles(accent: string): string {
  return `
:root { color-scheme: light dark; --accent: ${accent}; --bg: #f1f3f4; --card: #fff;
  --text: #1f1f1f; --muted: #5f6368; --border: #dadce0; --note: #fef7e0; --note-text: #5c4400;
  --link: #0b57d0; --error: #b3261e; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #131314; --card: #1f1f1f; --text: #e3e3e3; --muted: #b4b7bb; --border: #444746;
    --note: #3b3000; --note-text: #fce8a6; --link: #a8c7fa; --error: #f2b8b5; }
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 24px 16px;
  background: var(--bg); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { width: 100%; max-width: 448px; background: var(--card); border: 1px solid var(--border);
  border-radius: 16px; padding: 32px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.12); }
.brand { display: flex; align-items: center; gap: 8px; margin: 0 0 24px; color: var(--muted);
  font-size: 14px; }
.logo { display: inline-grid; place-items: center; width: 28px; height: 28px; border-radius: 50%;
  background: var(--accent); color: #fff; font-weight: 700; }
h1 { margin: 0 0 16px; font-size: 24px; line-height: 1.3; font-weight: 500; }
h2 { margin: 24px 0 8px; font-size: 16px; font-weight: 500; }
.account { display: inline-flex; align-items: center; gap: 8px; margin: 0; padding: 4px 12px 4px 4px;
  border: 1px solid var(--border); border-radius: 999px; font-size: 14px; overflow-wrap: anywhere; }
.avatar { flex: none; display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 50%;
  background: var(--accent); color: #fff; font-size: 12px; font-weight: 700; }
ul { margin: 0; padding: 0; list-style: none; border-top: 1px solid var(--border); }
li { padding: 12px 0; border-bottom: 1px solid var(--border); }
li code { display: block; color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
.note { margin: 24px 0 0; padding: 8px 12px; border-radius: 8px; background: var(--note);
  color: var(--note-text); font-size: 14px; }
.account-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
.account-row form { margin: 0; }
button.other { min-width: 0; min-height: 44px; padding: 0 12px; border: 0; background: transparent;
  color: var(--link); text-decoration: underline; }
.prompt { margin: 16px 0 0; color: var(--muted); font-size: 14px; }
label { display: block; margin: 24px 0 4px; font-weight: 500; }
input[type="email"] { width: 100%; min-height: 44px; padding: 8px 12px; border: 1px solid var(--muted);
  border-radius: 8px; background: var(--card); color: var(--text); font: inherit; }
input[type="email"]:focus-visible { outline: 3px solid var(--accent); outline-offset: 1px; }
input[aria-invalid="true"] { border-color: var(--error); }
.error { margin: 8px 0 0; color: var(--error); font-size: 14px; }
.actions { display: flex; justify-content: flex-end; gap: 12px; margin-top: 24px; }
button { min-width: 96px; min-height: 44px; padding: 0 24px; border-radius: 999px; font: inherit;
  font-weight: 500; cursor: pointer; }
button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.deny { border: 1px solid var(--border); background: transparent; color: var(--text); }
.allow { border: 1px solid var(--accent); background: var(--accent); color: #fff; }
.deny:hover { background: rgb(127 127 127 / 0.12); }
.allow:hover { filter: brightness(1.1); }
`
}
