// k6-side glue (init stage only): does the run's report folder exist? k6 neither creates folders for
// handleSummary files nor offers a way to make one, so the bundle checks at init and lets summarize()
// fall back to flat files. Uses k6's global open(), which only works in the init stage.

/**
 * open() on a folder fails with "can't be used with directories"; on a missing path with "no such file".
 * open() resolves relative paths against the script's folder while handleSummary writes relative to the
 * working directory, so relative folders are anchored at $PWD. Without $PWD (a runner that passes a bare
 * environment) the answer is "yes": such a runner is expected to have created the folder.
 */
export function reportFolderReady(folder: string): boolean {
  const workingDir = __ENV.PWD;
  if (!folder.startsWith('/') && !workingDir) return true;
  const absolute = folder.startsWith('/') ? folder : `${workingDir}/${folder}`;
  try {
    open(absolute);
    return false; // a file where the folder should be: writing into it would fail too
  } catch (error) {
    return /directories/i.test(String(error));
  }
}
