// File paths and `file:` URIs. The engine speaks absolute paths; the protocol speaks URIs.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

/** The file path of a `file:` URI, undefined for other schemes (untitled buffers, remote files). */
export function uriToFile(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
