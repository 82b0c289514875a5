export { RestClient } from './RestClient';
export type { RestClientConfig } from './RestClient';
