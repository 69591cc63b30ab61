import type { JlinkHost } from '../discovery/jlink-host.js';

/** A host described by a list of files and symlinks, for discovery tests. */
export function fakeHost(o: {
  platform: string;
  env?: Record<string, string>;
  files: readonly string[];
  links?: Readonly<Record<string, string>>;
}): JlinkHost {
  const sep = o.platform === 'win32' ? '\\' : '/';
  const files = new Set(o.files);
  const links = o.links ?? {};
  return {
    platform: o.platform,
    env: o.env ?? {},
    homeDir: o.platform === 'win32' ? 'C:\\Users\\dev' : '/home/dev',
    listDir: async (dir) => {
      const prefix = dir.endsWith(sep) ? dir : dir + sep;
      const names = new Set<string>();
      for (const f of [...files, ...Object.keys(links)]) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split(sep)[0]!);
      return [...names];
    },
    isFile: async (path) => files.has(path) || (links[path] !== undefined && files.has(links[path])),
    realPath: async (path) => links[path] ?? path,
  };
}
