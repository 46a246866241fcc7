/** The page a browser on a school computer sees at /trust: how to trust the station's own certificate. */
const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function trustPage(state: { addresses: string[]; fingerprint: string; browsers: boolean }): string {
  const access = state.browsers
    ? '<p>Browsers may use this station: after the steps below, open the address and sign in as yourself.</p>'
    : '<p><strong>Browsers are not allowed on this station at the moment.</strong> The school office can allow them in Devices → Browsers.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trust the school's station</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1b1e}code{background:#f1f3f5;padding:0 .25rem;word-break:break-all}</style></head>
<body><h1>Trust the school's station</h1>
${access}
<p>The station makes its own certificate, so your browser warns about it until you trust the station's certificate
authority once on this computer:</p>
<ol>
<li><a href="/api/lan/ca.pem" download>Download the station's certificate</a> (<code>smart-crm-station-ca.pem</code>).</li>
<li>Compare its SHA-256 fingerprint with the one the school office sees in Devices:<br><code>${escape(state.fingerprint)}</code></li>
<li>Windows: open the file, Install Certificate → Local Machine → "Trusted Root Certification Authorities".
macOS: open it in Keychain Access, then set "When using this certificate" to Always Trust.
Linux and Firefox: Settings → Privacy &amp; Security → Certificates → View Certificates → Authorities → Import, and tick "identify websites".</li>
<li>Restart the browser and open ${state.addresses.map((a) => `<code>${escape(a)}</code>`).join(' or ')}.</li>
</ol>
<p>Only trust a certificate whose fingerprint matches the one the office shows you.</p>
</body></html>`;
}
