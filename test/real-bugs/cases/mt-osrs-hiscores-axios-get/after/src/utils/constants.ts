export type Gamemode = 'main' | 'ironman' | 'hardcore' | 'ultimate';
export const BASE_URL = 'https://secure.runescape.com/m=hiscore_oldschool';
export const STATS_URL = 'index_lite.ws?player=';
export const GAMEMODE_URL: Record<Gamemode, string> = {
  main: '/',
  ironman: '_ironman/',
  hardcore: '_hardcore_ironman/',
  ultimate: '_ultimate/',
};
