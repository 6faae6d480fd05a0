// Kümmerer for one district: everything it needs in one resource group.
//
//   az group create --name rg-kuemmerer --location germanywestcentral
//   az deployment group create --resource-group rg-kuemmerer \
//     --template-file infra/main.bicep --parameters @infra/main.parameters.json
//
// What it creates:
//   - a user-assigned managed identity: the bot's identity towards Teams (Azure Bot, UserAssignedMSI) and towards
//     Table Storage (role "Storage Table Data Contributor"); no client secret, no account key anywhere;
//   - a storage account for the bot's tables: TLS 1.2, https only, no public blob access, shared-key access off
//     (tokens only);
//   - an App Service plan (Linux) and a web app on Node.js running `node dist/index.js`, always on, health check on
//     /healthz, https only; optionally a "staging" slot for updates without downtime (swap);
//   - an Azure Bot with the Microsoft Teams channel, its messaging endpoint pointing at the web app;
//   - optionally Application Insights (with a Log Analytics workspace) for requests, dependencies and logs.
//
// The app settings below are the bot's configuration variables (see .env.example); a test
// (test/infra/template.spec.ts) checks that each of them is one the bot knows and that together they make a valid
// production configuration. Written for Azure CLI 2.67 or later with its Bicep 0.31 or later; kept to plain
// constructs (no modules, no user-defined types) so that older Bicep versions compile it too.

@description('Short name of this installation, used in every resource name: lower-case letters, digits and hyphens, e.g. kuemmerer-coe.')
@minLength(3)
@maxLength(20)
param namePrefix string

@description('Azure region of the resources (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('Node.js version of the web app. 22-lts is the default; 20-lts only while App Service still offers it.')
@allowed([
  '20-lts'
  '22-lts'
])
param nodeVersion string = '22-lts'

@description('App Service plan size. Deployment slots (zero-downtime updates) need Standard (S1) or Premium (P0v3 and up); B1 is cheaper but restarts on every update.')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
])
param appServiceSku string = 'P0v3'

@description('Create a "staging" slot for updates without downtime: deploy there, check /healthz, swap. Needs S1 or a P*v3 plan.')
param deployStagingSlot bool = true

@description('Send requests, dependencies and logs to Application Insights.')
param enableApplicationInsights bool = true

@description('Tenant whose Teams may use the bot (ALLOWED_TENANTS). Default: the tenant of this subscription.')
param allowedTenantId string = subscription().tenantId

@description('Display name of the bot in Azure.')
param botDisplayName string = 'Kümmerer'

@description('Azure Bot pricing tier; Teams is a standard channel, free in F0.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

// Storage account names: 3–24 lower-case letters and digits, unique in Azure.
var storageAccountName = take('${replace(toLower(namePrefix), '-', '')}${uniqueString(resourceGroup().id)}', 24)
var webAppName = '${namePrefix}-${uniqueString(resourceGroup().id)}'
var botDomain = '${webAppName}.azurewebsites.net'
// Built-in role "Storage Table Data Contributor": read, write and delete tables and entities.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The bot reaches its tables with Entra tokens of its managed identity: no account key is needed or allowed.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (enableApplicationInsights) {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = if (enableApplicationInsights) {
  name: '${namePrefix}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true
  }
}

// The bot's configuration: every name is a variable of .env.example.
var appSettings = [
  {
    name: 'MicrosoftAppType'
    value: 'UserAssignedMSI'
  }
  {
    name: 'MicrosoftAppId'
    value: identity.properties.clientId
  }
  {
    name: 'MicrosoftAppTenantId'
    value: identity.properties.tenantId
  }
  {
    name: 'ALLOWED_TENANTS'
    value: allowedTenantId
  }
  {
    name: 'TABLES_ENDPOINT'
    value: storage.properties.primaryEndpoints.table
  }
  {
    name: 'TABLES_IDENTITY_CLIENT_ID'
    value: identity.properties.clientId
  }
  {
    name: 'BOT_DOMAIN'
    value: botDomain
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: enableApplicationInsights ? appInsights.properties.ConnectionString : ''
  }
  // App Service's own setting, not the bot's: build the uploaded source (npm install, npm run build).
  {
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'true'
  }
]

var siteConfig = {
  linuxFxVersion: 'NODE|${nodeVersion}'
  appCommandLine: 'node dist/index.js'
  alwaysOn: true
  healthCheckPath: '/healthz'
  http20Enabled: true
  minTlsVersion: '1.2'
  ftpsState: 'Disabled'
  appSettings: appSettings
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: siteConfig
  }
  dependsOn: [
    tableRole
  ]
}

// Same configuration as production: after a swap the two instances briefly run side by side on the same tables,
// and the scheduler's leases keep every job occurrence single.
resource stagingSlot 'Microsoft.Web/sites/slots@2023-12-01' = if (deployStagingSlot) {
  parent: webApp
  name: 'staging'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: siteConfig
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botDomain}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: identity.properties.tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The messaging endpoint the Azure Bot posts to.')
output botEndpoint string = 'https://${botDomain}/api/messages'

@description('For the Teams app package: BOT_DOMAIN=… npm run package.')
output botDomain string = botDomain

@description('For the Teams app package: MicrosoftAppId=… npm run package (the managed identity is the bot\'s app id).')
output microsoftAppId string = identity.properties.clientId

@description('The tenant of the bot\'s identity.')
output tenantId string = identity.properties.tenantId

@description('The web app, for az webapp deploy.')
output webAppName string = webApp.name

@description('The table endpoint the bot uses (also TABLES_ENDPOINT for the command line on your machine).')
output tablesEndpoint string = storage.properties.primaryEndpoints.table

@description('The storage account, for role assignments to the people who import data.')
output storageAccountName string = storage.name
