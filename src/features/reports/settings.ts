import type { PlatformConfig, Settings } from '../../platform/config';

/** The strategy report and the public project list (`REPORT_*`). */
export interface ReportSettings {
  /** Public address of the bot in download links ('' for the default, see {@link reportBaseUrl}). */
  readonly url: string;
  /** Days a download link works. */
  readonly linkDays: number;
  /**
   * The district's political geocoding in DCAT-AP.de (`dcatde:politicalGeocodingURI`), e.g.
   * `http://dcat-ap.de/def/politicalGeocoding/districtKey/05558` for the Kreis Coesfeld; '' to leave it out.
   */
  readonly geocodingUri: string;
  /** Where the public list will be published (its files' addresses in `dcat.ttl`); '' for addresses relative to `dcat.ttl`. */
  readonly publicUrl: string;
}

/** The levels of DCAT-AP.de's political geocoding, by the kind of key in the URI. */
export const GEOCODING_LEVELS: Readonly<Record<string, string>> = {
  stateKey: 'state',
  districtKey: 'administrativeDistrict',
  municipalityAssociationKey: 'municipalityAssociation',
  municipalityKey: 'municipality',
  regionalKey: 'municipality',
};
const GEOCODING = /^http:\/\/dcat-ap\.de\/def\/politicalGeocoding\/(stateKey|districtKey|municipalityAssociationKey|municipalityKey|regionalKey)\/\d{2,12}$/;

function webAddress(read: Settings, name: string, example: string): string {
  const value = read.value(name).replace(/\/+$/, '');
  let ok = value === '';
  try {
    const url = new URL(value);
    ok ||= (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === '';
  } catch {
    // not an address: reported below
  }
  if (!ok) read.problem(`${name} must be an http(s) address without query, e.g. "${example}", got "${value}"`);
  return ok ? value : '';
}

/** Reads the report variables; problems go to `read`. */
export function reportSettings(read: Settings): ReportSettings {
  const geocodingUri = read.value('REPORT_GEOCODING_URI');
  if (geocodingUri && !GEOCODING.test(geocodingUri)) {
    read.problem(`REPORT_GEOCODING_URI must be a political geocoding URI of DCAT-AP.de, e.g. "http://dcat-ap.de/def/politicalGeocoding/districtKey/05558", got "${geocodingUri}"`);
  }
  return Object.freeze({
    url: webAddress(read, 'REPORT_URL', 'https://kuemmerer.example.org'),
    linkDays: read.integer('REPORT_LINK_DAYS', 7, 1, 30),
    geocodingUri: GEOCODING.test(geocodingUri) ? geocodingUri : '',
    publicUrl: webAddress(read, 'REPORT_PUBLIC_URL', 'https://www.kreis-beispiel.de/digitalisierung'),
  });
}

/**
 * Where download links point: `REPORT_URL`, else `https://BOT_DOMAIN`, else the bot on this machine
 * (`http://127.0.0.1:PORT`, where it listens without an app id).
 */
export function reportBaseUrl(settings: ReportSettings, config: Pick<PlatformConfig, 'botDomain' | 'port'>): string {
  if (settings.url) return settings.url;
  return config.botDomain ? `https://${config.botDomain}` : `http://127.0.0.1:${config.port}`;
}
