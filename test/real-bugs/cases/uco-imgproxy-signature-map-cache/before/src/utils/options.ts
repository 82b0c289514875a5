export interface IImgproxyOptions {
  width?: number;
  height?: number;
  resizing_type?: 'fit' | 'fill' | 'auto';
  format?: 'webp' | 'avif' | 'jpg' | 'png';
}

export function normalizeOptions(options: IImgproxyOptions = {}): string {
  const parts: string[] = [];
  if (options.resizing_type) parts.push(`rt:${options.resizing_type}`);
  if (options.width) parts.push(`w:${options.width}`);
  if (options.height) parts.push(`h:${options.height}`);
  if (options.format) parts.push(`f:${options.format}`);
  return parts.join('/') || '-';
}
