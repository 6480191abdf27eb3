import { DEFAULT_OPEN_DATA_LICENSE, type OpenDataLicense } from './opendata.models.js';

/** The licence of the open data: 公共データ利用規約 (PDL1.0) unless the deployment names another. */
export function readOpenDataLicense(env: NodeJS.ProcessEnv = process.env): OpenDataLicense {
  const name = env.KISEKI_OPEN_DATA_LICENSE?.trim();
  const url = env.KISEKI_OPEN_DATA_LICENSE_URL?.trim();
  return name && url ? { name, url } : DEFAULT_OPEN_DATA_LICENSE;
}
