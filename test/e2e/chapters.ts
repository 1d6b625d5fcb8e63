/**
 * The chapters of a browser walk are one story: after a failed chapter the later ones fail at once, saying
 * why. Call once per describe block; each returned `chapter` is an `it` that knows the story so far.
 */
export function story(): (title: string, play: () => Promise<void>) => void {
  let failed: string | null = null;
  return (title, play) =>
    it(title, async () => {
      if (failed) throw new Error(`not played: the chapter «${failed}» failed before it`);
      try {
        await play();
      } catch (err) {
        failed = title;
        throw err;
      }
    });
}
