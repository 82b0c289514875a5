const API_BASE = 'https://www3.septa.org/api';

let cache = { trains: [], fetchedAt: 0 };

/**
 * Fetch the current regional rail positions and lateness from SEPTA.
 */
export async function fetchTrainView() {
  const response = await fetch(`${API_BASE}/TrainView/index.php`, {
    headers: { accept: 'application/json' },
  });
  if (!response.ok) {
    throw new Error(`SEPTA answered ${response.status}`);
  }
  return response.json();
}

export function getCachedTrains() {
  return cache;
}

export async function refresh(logger) {
  try {
    const trains = await fetchTrainView();
    cache = { trains, fetchedAt: Date.now() };
    logger.info(`Fetched ${trains.length} trains`);
  } catch (error) {
    logger.error(`Could not refresh train data: ${error.message}`);
  }
}
