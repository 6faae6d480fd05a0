import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationError,
  MsalServiceClientCredentialsFactory,
  type AuthenticateRequestResult,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { PlatformConfig } from '../config';
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
function credentialsFactory(config: PlatformConfig): ServiceClientCredentialsFactory {
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

/** Errors of the JWT library botbuilder uses: the token itself is bad (signature, not yet valid, malformed). */
const TOKEN_ERRORS = ['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError'];

/**
 * The configured Bot Framework authentication, with every verdict on a token mapped to the right status.
 * `CloudAdapter` answers 401 only for an `AuthenticationError` and 500 for anything else, but botbuilder lets
 * the JWT library's own errors through (a forged signature or a token not valid yet gave 500, which the channel
 * retries) and raises an `AuthenticationError` when the key server answers with an error (a 401 for what is our
 * outage). Here a bad token is an `AuthenticationError` (401) and a failure to check one is not (500); both are
 * logged without the token.
 */
class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    credentials: ServiceClientCredentialsFactory,
    private readonly logger: Logger,
  ) {
    super(options, credentials);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      const { name, message, statusCode } = error as Error & { statusCode?: number };
      const badToken = TOKEN_ERRORS.includes(name) || (error instanceof AuthenticationError && statusCode !== 500);
      if (badToken) {
        this.logger.warn({ reason: message, activityId: activity.id }, 'request refused: no valid Bot Framework token');
        throw error instanceof AuthenticationError ? error : new AuthenticationError(message, 401);
      }
      this.logger.error({ err: error, activityId: activity.id }, 'could not check the Bot Framework token');
      throw new Error('The Bot Framework token could not be checked', { cause: error });
    }
  }
}

/**
 * The bot's Bot Framework authentication: validates incoming requests and signs outgoing ones. Shared by the
 * adapter and the delivery pipeline's connector.
 *
 * Endorsements: a signing key in the Bot Framework's key set lists the channels it may sign for (`msteams`,
 * `webchat`, …), and botbuilder refuses a token whose key does not list the activity's channel — but only when
 * the key lists any: a key with no endorsements at all is accepted for every channel (botframework-connector
 * 4.23, `JwtTokenExtractor.validateToken`). The Bot Framework's published keys always carry endorsements, so
 * this matters only for an identity provider set through `ToBotFromChannelOpenIdMetadataUrl`: such a provider
 * must publish endorsements on its keys, or a key meant for another channel would be taken for Teams. The test
 * `auth.spec.ts` keeps a key endorsed for another channel only refused.
 */
export function createAuthentication(config: PlatformConfig, logger: Logger): ConfigurationBotFrameworkAuthentication {
  const options = {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
    ...config.botFramework,
  } as ConfigurationBotFrameworkAuthenticationOptions;
  return new ChannelAuthentication(options, credentialsFactory(config), logger);
}

/**
 * The Bot Framework adapter: authenticates every incoming request when an app id is configured, and turns
 * an unexpected error in a turn into a log line with the turn's correlation id and one friendly message.
 */
export function createAdapter(config: PlatformConfig, logger: Logger, authentication = createAuthentication(config, logger)): CloudAdapter {
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const info = turnInfoIfAny(context);
    const log = info?.log ?? logger;
    log.error({ err: error }, 'turn failed');
    const { type, name } = context.activity;
    if (type !== ActivityTypes.Message && type !== ActivityTypes.Invoke) return;
    const t = info?.t ?? translator(resolveLocale(context.activity.locale, config.defaultLocale));
    try {
      if (type === ActivityTypes.Invoke && name === 'adaptiveCard/action') {
        // A Universal Action answers in its HTTP response; Teams shows a message of this type to the user who
        // clicked (Universal Actions for Adaptive Cards, "response format"). A chat message would be a second one.
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t('errors.turnFailed') } } });
        return;
      }
      if (type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 500 } });
      await context.sendActivity(t('errors.turnFailed'));
    } catch (sendError) {
      log.error({ err: sendError }, 'could not tell the user about the failed turn');
    }
  };
  return adapter;
}
