import axios from 'axios';
import { Gamemode, GAMEMODE_URL, STATS_URL, BASE_URL } from './constants';

const USER_AGENT = 'osrs-json-hiscores (+https://github.com/maxswa/osrs-json-hiscores)';
/** The hiscores servers sometimes accept a connection and never answer. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Builds the URL of a player's hiscores CSV for a game mode.
 */
export const getStatsURL = (gamemode: Gamemode, rsn: string) =>
  `${BASE_URL}${GAMEMODE_URL[gamemode]}${STATS_URL}${encodeURIComponent(rsn)}`;

/**
 * GETs a hiscores resource and returns its body. Every public function of the package goes
 * through here.
 */
export const httpGet = async <Response>(url: string, headers: Record<string, string> = {}) => {
  const response = await axios.get<Response>(url, {
    headers: { 'User-Agent': USER_AGENT, ...headers },
    timeout: REQUEST_TIMEOUT_MS,
  });
  return response.data;
};

export const validateRSN = (rsn: string) => {
  if (typeof rsn !== 'string') throw new Error('RSN must be a string');
  if (!/^[a-zA-Z0-9 _-]+$/.test(rsn)) throw new Error('RSN contains invalid characters');
  if (rsn.length > 12 || rsn.trim().length === 0) throw new Error('RSN must be between 1 and 12 characters');
};
