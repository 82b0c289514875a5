import { Gamemode } from './utils/constants';
import { getStatsURL, httpGet, validateRSN } from './utils/helpers';

export interface SkillRow { rank: number; level: number; xp: number }

export async function getStatsByGamemode(rsn: string, mode: Gamemode = 'main'): Promise<SkillRow[]> {
  validateRSN(rsn);
  const csv = await httpGet<string>(getStatsURL(mode, rsn));
  return csv
    .trim()
    .split('\n')
    .map((line) => {
      const [rank, level, xp] = line.split(',').map(Number);
      return { rank, level, xp };
    });
}
