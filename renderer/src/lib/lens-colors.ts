/** The page's theme colours (App.svelte's CSS variables) for chart text and grid lines. */
export function lensColors(): { text: string; grid: string } {
  const style = getComputedStyle(document.documentElement);
  return {
    text: style.getPropertyValue('--text').trim() || '#1d2433',
    grid: style.getPropertyValue('--border').trim() || '#dde1e8',
  };
}
