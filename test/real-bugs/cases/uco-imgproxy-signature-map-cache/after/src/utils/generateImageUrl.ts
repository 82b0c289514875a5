import { createHmac } from 'node:crypto';
import { normalizeOptions, type IImgproxyOptions } from './options';

interface GenerateImageUrlParams {
  endpoint: string;
  url: string;
  options?: IImgproxyOptions;
  salt?: string;
  key?: string;
}

const urlSafeBase64 = (buf: Buffer) => buf.toString('base64').replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');

function sign(path: string, key: string, salt: string): string {
  const hmac = createHmac('sha256', Buffer.from(key, 'hex'));
  hmac.update(Buffer.from(salt, 'hex'));
  hmac.update(path);
  return urlSafeBase64(hmac.digest());
}

export function generateImageUrl({ endpoint, url, options, salt, key }: GenerateImageUrlParams): string {
  const path = `/${normalizeOptions(options)}/${urlSafeBase64(Buffer.from(url))}`;
  if (!key || !salt) return `${endpoint}/insecure${path}`;

  return `${endpoint}/${sign(path, key, salt)}${path}`;
}
