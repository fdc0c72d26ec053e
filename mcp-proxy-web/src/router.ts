// Addresses of the page's views are real paths (/servers/demo, /traffic): the sidecar answers every path that is not
// the API's with the app, so a reload or a shared link lands on the same view.
import { Store, useStore } from "./store";

export const currentPath = new Store<string>(window.location.pathname);

window.addEventListener("popstate", () => currentPath.set(window.location.pathname));

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, "", path);
  currentPath.set(path);
  window.scrollTo(0, 0);
}

/** Clicks on same-origin links change the view without a page load; modified clicks keep their meaning. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const anchor = (event.target as Element | null)?.closest?.("a");
    if (!anchor || anchor.target || anchor.hasAttribute("download")) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith("/api/")) return;
    event.preventDefault();
    navigate(url.pathname);
  });
}

export function usePath(): string {
  return useStore(currentPath);
}

export function serverPath(name: string): string {
  return "/servers/" + encodeURIComponent(name);
}
