/**
 * The saved-configurations page's delete buttons: DELETE /api/me/configurations/{id}, then the card
 * goes, the count follows and focus moves to the next card (or the empty state).
 */
const savedPage = document.querySelector<HTMLElement>("[data-saved-configurations]");

if (savedPage) {
  const root = savedPage;
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  const t = (zh: string, en: string) => (lang === "en" ? en : zh);
  const status = root.querySelector<HTMLElement>("[data-saved-status]");
  const count = root.querySelector<HTMLElement>("[data-saved-count]");
  const limit = /\/\s*(\d+)|of (\d+)/.exec(count?.textContent ?? "");
  const max = limit?.[1] ?? limit?.[2] ?? "";
  root.addEventListener("click", async (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("[data-delete]");
    if (!button || !status) return;
    const card = button.closest<HTMLElement>("[data-saved]");
    const title = card?.querySelector("h2")?.textContent ?? "";
    button.disabled = true;
    status.textContent = t("正在删除…", "Deleting…");
    try {
      const response = await fetch(`/api/me/configurations/${encodeURIComponent(button.dataset.delete ?? "")}`, {
        method: "DELETE",
      });
      if (response.status === 401) {
        status.textContent = t("登录已失效，请重新登录。", "Your session has ended; please sign in again.");
        button.disabled = false;
        return;
      }
      if (response.status !== 204 && response.status !== 404) throw new Error(String(response.status));
      const next = card?.nextElementSibling ?? card?.previousElementSibling;
      card?.remove();
      const left = root.querySelectorAll("[data-saved]").length;
      if (count) count.textContent = t(`已保存 ${left} / ${max} 个配置`, `${left} of ${max} configurations saved`);
      status.textContent = t(`已删除「${title}」。`, `Deleted “${title}”.`);
      const empty = root.querySelector<HTMLElement>("[data-saved-empty]");
      if (left === 0 && empty) {
        empty.hidden = false;
        empty.querySelector<HTMLElement>("a")?.focus();
      } else {
        next?.querySelector<HTMLElement>("a, button")?.focus();
      }
    } catch {
      button.disabled = false;
      status.textContent = t("删除失败，请检查网络后重试。", "Could not delete; check your connection and try again.");
    }
  });
}
