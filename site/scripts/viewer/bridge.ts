/**
 * How the configure page's other scripts talk to the 3D view without importing Babylon: a
 * document event that the viewer island (./index.ts) answers once its car is drawn.
 */
export const SNAPSHOT_EVENT = "marque:viewer-snapshot";

type SnapshotRequest = { reply: (image: string | null) => void };

/**
 * A picture of the configured car as the 3D view draws it now (a data: URL), or null when there
 * is no 3D view (no WebGL, no model file, still loading) or it does not answer within `timeoutMs`.
 * @example const image = await requestSnapshot(); if (image) img.src = image;
 */
export function requestSnapshot(timeoutMs = 3000): Promise<string | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    const reply = (image: string | null) => {
      clearTimeout(timer);
      resolve(image);
    };
    document.dispatchEvent(new CustomEvent<SnapshotRequest>(SNAPSHOT_EVENT, { detail: { reply } }));
  });
}

/** Answers snapshot requests with `take`; without a listener, requests resolve to null after their timeout. */
export function answerSnapshots(take: () => Promise<string | null>): void {
  document.addEventListener(SNAPSHOT_EVENT, (event) => {
    const { reply } = (event as CustomEvent<SnapshotRequest>).detail;
    take()
      .catch(() => null)
      .then(reply);
  });
}
