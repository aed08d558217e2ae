// What the desktop shows while the cache upgrades before the console can open (a new rollup
// sums the whole ledger once: about 9 s per million calls). A static page in both languages, no
// script: the main process is busy migrating and cannot answer it anyway.

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function upgradeNoticeHtml({ from, to }: { from: number; to: number }, cacheFile: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>电话监控台 Callboard</title>
<style>
  html, body { margin: 0; height: 100%; background: #0f172a; color: #e2e8f0; font: 15px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
  body { display: flex; align-items: center; gap: 24px; padding: 0 32px; box-sizing: border-box; -webkit-app-region: drag; user-select: none; }
  .spinner { flex: none; width: 40px; height: 40px; border: 4px solid #334155; border-top-color: #38bdf8; border-radius: 50%; animation: spin 1s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  h1 { margin: 0 0 4px; font-size: 18px; font-weight: 600; }
  p { margin: 0; color: #94a3b8; }
  .en { margin-top: 10px; }
  code { color: #cbd5e1; font-size: 12px; word-break: break-all; }
</style></head>
<body><div class="spinner"></div><div>
  <h1>正在升级本地通话缓存（版本 ${from} → ${to}）</h1>
  <p>缓存较大时需要一两分钟，完成后控制台自动打开。请勿关闭。</p>
  <p class="en">Upgrading the local call cache (version ${from} → ${to}). A large cache takes a minute or two; the console opens when it is done.</p>
  <p><code>${escapeHtml(cacheFile)}</code></p>
</div></body></html>`;
}
