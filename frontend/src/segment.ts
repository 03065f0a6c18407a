// Moving the segment: starts snap to bar starts, and the segment stays inside the track.

export function snapStart(wanted: number, downbeats: number[], length: number, duration: number): number {
  const latest = Math.max(0, duration - length);
  const fitting = downbeats.filter((t) => t <= latest + 1e-6);
  if (!fitting.length) return Math.min(Math.max(wanted, 0), latest);
  return fitting.reduce((best, t) => (Math.abs(t - wanted) < Math.abs(best - wanted) ? t : best), fitting[0]);
}

/** Energy (dBFS per second) as bar heights 0..1 for drawing. */
export function heights(energy: number[], floor = -50): number[] {
  const top = Math.max(...energy, floor + 1);
  return energy.map((e) => Math.max(0, (e - floor) / (top - floor)));
}
