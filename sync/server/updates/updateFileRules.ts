// Which files of the update folder may be served, with which type and caching. Everything else —
// partial copies, dotfiles, subfolders, names with path characters — does not exist for clients.

export interface UpdateFileKind {
  contentType: string;
  cacheControl: string;
}

// Metadata changes in place when IT staff publish or widen a rollout: always revalidate (the
// ETag keeps that cheap). Artifacts carry the version in their name and never change: cache forever.
const metadata = (contentType: string): UpdateFileKind => ({ contentType, cacheControl: 'no-cache' });
const artifact: UpdateFileKind = {
  contentType: 'application/octet-stream',
  cacheControl: 'public, max-age=31536000, immutable',
};

const byExtension: [RegExp, UpdateFileKind][] = [
  [/\.ya?ml$/, metadata('text/yaml; charset=utf-8')],
  [/\.json$/, metadata('application/json; charset=utf-8')],
  [/\.(deb|AppImage|exe|blockmap|zip|7z)$/, artifact],
];

/** A flat file name: letters, digits and . _ + - only, not starting with a dot. */
export const servableName = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

export function updateFileKind(name: string): UpdateFileKind | undefined {
  if (!servableName.test(name) || name.includes('..')) return undefined;
  return byExtension.find(([pattern]) => pattern.test(name))?.[1];
}
