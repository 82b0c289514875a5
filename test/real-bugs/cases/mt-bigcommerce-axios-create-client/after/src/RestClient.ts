import axios, { AxiosInstance, AxiosRequestConfig } from 'axios';

export interface RestClientConfig {
  storeHash: string;
  accessToken: string;
  apiVersion?: 'v2' | 'v3';
  /** Milliseconds before a request is abandoned (default 30 s). */
  timeout?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export class RestClient {
  private readonly client: AxiosInstance;

  constructor(private readonly config: RestClientConfig) {
    this.client = axios.create({
      baseURL: `https://api.bigcommerce.com/stores/${config.storeHash}/${config.apiVersion ?? 'v3'}`,
      timeout: config.timeout ?? DEFAULT_TIMEOUT_MS,
      headers: {
        'X-Auth-Token': config.accessToken,
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
    });
  }

  async get<T>(path: string, params?: Record<string, unknown>): Promise<T> {
    const { data } = await this.client.get<T>(path, { params });
    return data;
  }

  async post<T>(path: string, body: unknown, config?: AxiosRequestConfig): Promise<T> {
    const { data } = await this.client.post<T>(path, body, config);
    return data;
  }

  async put<T>(path: string, body: unknown): Promise<T> {
    const { data } = await this.client.put<T>(path, body);
    return data;
  }

  async delete(path: string): Promise<void> {
    await this.client.delete(path);
  }
}
