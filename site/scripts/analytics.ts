const KEY = "marque.visitor";

function visitorId(): string {
  const known = sessionStorage.getItem(KEY);
  if (known) return known;
  const id = crypto.randomUUID();
  sessionStorage.setItem(KEY, id);
  return id;
}

/** Sends one page view to the analytics queue; never blocks or breaks the page. */
function sendPageView(): void {
  try {
    const event = {
      id: crypto.randomUUID(),
      type: "page.view",
      occurredAt: new Date().toISOString(),
      visitorId: visitorId(),
      path: location.pathname,
      props: { lang: document.documentElement.lang, width: window.innerWidth },
    };
    const body = new Blob([JSON.stringify({ events: [event] })], { type: "application/json" });
    if (!navigator.sendBeacon?.("/api/events", body)) {
      void fetch("/api/events", {
        method: "POST",
        body,
        keepalive: true,
        headers: { "content-type": "application/json" },
      });
    }
  } catch {
    // analytics must never break the page
  }
}

sendPageView();
