import axios, { AxiosRequestConfig } from 'axios';
import { logError, logInfo } from '../util';

const apiBaseUrl = 'https://data.hatchbaby.com/';
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface HatchResponse<T> {
  status: string;
  payload: T;
}

export async function requestWithRetry<T>(options: AxiosRequestConfig): Promise<T> {
  try {
    const response = await axios.request<HatchResponse<T>>({ timeout: 20_000, ...options });
    return response.data.payload;
  } catch (e: any) {
    logError(`Error requesting ${options.url}: ${e.message}`);
    logInfo('Retrying in 5 seconds...');
    await delay(5000);
    return requestWithRetry<T>(options);
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
