import axios, { AxiosRequestConfig } from 'axios';
import { logError, logInfo } from '../util';

const apiBaseUrl = 'https://data.hatchbaby.com/';
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const baseRetryMs = 5_000;
/** The server may be offline for hours: keep retrying, but no more often than once a minute. */
const maxRetryMs = 60_000;

export interface HatchResponse<T> {
  status: string;
  payload: T;
}

export async function requestWithRetry<T>(options: AxiosRequestConfig, retryCount = 0): Promise<T> {
  try {
    const response = await axios.request<HatchResponse<T>>({ timeout: 20_000, ...options });
    return response.data.payload;
  } catch (e: any) {
    logError(`Error requesting ${options.url}: ${e.message}`);
    const waitMs = Math.min(baseRetryMs * 2 ** retryCount, maxRetryMs);
    logInfo(`Retrying in ${Math.round(waitMs / 1000)} seconds...`);
    await delay(waitMs);
    return requestWithRetry<T>(options, retryCount + 1);
  }
}

export class RestClient {
  constructor(private readonly authToken: () => Promise<string>) {}

  async getIotDevices() {
    return requestWithRetry<{ id: number; name: string }[]>({
      url: apiBaseUrl + 'service/app/iotDevice/v2/fetch',
      method: 'GET',
      headers: { 'X-HatchBaby-Auth': await this.authToken() },
    });
  }
}
