// A document's YAML front matter, read as data. Front matter holds a title, tags and a few lines of metadata; a
// block larger than MAX_FRONT_MATTER_CHARS is not metadata (it was 1 MB of keys in a probe, whose duplicate-key
// check alone took over a minute) and is ignored with a warning, so one file never stalls a build.
import { parse } from 'yaml';

export const MAX_FRONT_MATTER_CHARS = 65_536;

/** The parsed front matter; throws, with a reason fit for a warning, when it is too large or not YAML. */
export function frontMatterData(yaml: string): unknown {
  if (yaml.length > MAX_FRONT_MATTER_CHARS)
    throw new Error(
      `front matter is too large (${yaml.length.toLocaleString('en')} characters; the limit is ${MAX_FRONT_MATTER_CHARS.toLocaleString('en')})`,
    );
  // Duplicate keys are kept as the last value rather than checked: the check is quadratic in the number of keys.
  try {
    return parse(yaml, { uniqueKeys: false });
  } catch (error) {
    throw new Error(`front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
}
