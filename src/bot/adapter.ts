import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { MsalServiceClientCredentialsFactory, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../config';
import { resolveLocale, translator } from '../i18n';
import type { Logger } from '../logger';
import { turnInfoIfAny } from './turn';

const MICROSOFT_LOGIN_HOSTS = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.botframework.com'];

/**
 * How the bot gets its own token for calls to the Bot Connector. For a SingleTenant bot with a secret we
 * build the MSAL client ourselves: when `ToChannelFromBotLoginUrl` points at an identity provider other than
 * Microsoft's (tests on loopback), MSAL must be told it is a known authority, or it first asks Microsoft's
 * instance discovery about it. Everything else is what botbuilder builds from configuration.
 */
function credentialsFactory(config: Config): ServiceClientCredentialsFactory {
  const botFramework = config.botFramework;
  const usesCertificate = Boolean(botFramework.CertificateThumbprint || botFramework.CertificatePrivateKey);
  if (config.microsoftAppId && config.microsoftAppType === 'SingleTenant' && !usesCertificate) {
    const authority = botFramework.ToChannelFromBotLoginUrl || `https://login.microsoftonline.com/${config.microsoftAppTenantId}`;
    const host = new URL(authority).host;
    const clientApplication = new ConfidentialClientApplication({
      auth: {
        clientId: config.microsoftAppId,
        clientSecret: config.microsoftAppPassword,
        authority,
        ...(MICROSOFT_LOGIN_HOSTS.includes(host.toLowerCase()) ? {} : { knownAuthorities: [host] }),
      },
    });
    return new MsalServiceClientCredentialsFactory(config.microsoftAppId, clientApplication);
  }
  // Without an app id the factory turns authentication off; an app type would make it demand one.
  if (!config.microsoftAppId) return new ConfigurationServiceClientCredentialFactory({});
  return new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
    ...(usesCertificate ? { CertificateThumbprint: botFramework.CertificateThumbprint, CertificatePrivateKey: botFramework.CertificatePrivateKey } : {}),
  });
}

/**
 * The bot's Bot Framework authentication: validates incoming requests and signs outgoing ones. Shared by the
 * adapter and the delivery pipeline's connector.
 */
export function createAuthentication(config: Config): ConfigurationBotFrameworkAuthentication {
  const options = {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
    ...config.botFramework,
  } as ConfigurationBotFrameworkAuthenticationOptions;
  return new ConfigurationBotFrameworkAuthentication(options, credentialsFactory(config));
}

/**
 * The Bot Framework adapter: authenticates every incoming request when an app id is configured, and turns
 * an unexpected error in a turn into a log line with the turn's correlation id and one friendly message.
 */
export function createAdapter(config: Config, logger: Logger, authentication = createAuthentication(config)): CloudAdapter {
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const info = turnInfoIfAny(context);
    const log = info?.log ?? logger;
    log.error({ err: error }, 'turn failed');
    const type = context.activity.type;
    if (type !== 'message' && type !== 'invoke') return;
    const t = info?.t ?? translator(resolveLocale(context.activity.locale, config.defaultLocale));
    try {
      await context.sendActivity(t('errors.turnFailed'));
    } catch (sendError) {
      log.error({ err: sendError }, 'could not tell the user about the failed turn');
    }
  };
  return adapter;
}
