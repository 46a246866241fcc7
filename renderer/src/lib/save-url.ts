/**
 * Saves what a URL (a Blob URL) holds under a name, through a temporary `<a download>`: the browser's or
 * Electron's save dialog. The CSP restricts what a page loads, not where a download link points.
 */
export function saveUrl(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}
