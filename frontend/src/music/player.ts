// One preview plays at a time across the app: starting one pauses the one before.

/** What the player needs of an audio element (a fake one in tests). */
export interface Playable {
  pause(): void;
}

export interface Player<M extends Playable = HTMLMediaElement> {
  /** The element playing now, or null. */
  current(): M | null;
  /** `media` starts playing: the one before is paused. */
  playing(media: M): void;
  /** `media` stopped (paused, ended, failed or gone); another one playing stays current. */
  stopped(media: M): void;
  /** Calls `listener` whenever the current element changes; returns the way to stop. */
  subscribe(listener: () => void): () => void;
}

export function createPlayer<M extends Playable = HTMLMediaElement>(): Player<M> {
  let current: M | null = null;
  const listeners = new Set<() => void>();
  const become = (next: M | null) => {
    if (next === current) return;
    current = next;
    listeners.forEach((listener) => listener());
  };
  return {
    current: () => current,
    playing(media) {
      const before = current;
      become(media);
      // Always pause: the element may still be buffering, not yet `playing`, and pausing a
      // paused one does nothing.
      if (before && before !== media) before.pause();
    },
    stopped(media) {
      if (current === media) become(null);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The app's one player, shared by every preview. */
export const player = createPlayer();
