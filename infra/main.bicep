// The OPSG governance backend in Azure: the .NET isolated worker app with Durable Functions on a Flex
// Consumption plan, signed-in callers through App Service authentication, and one user-assigned
// managed identity for storage, telemetry and secrets. No account key appears anywhere.
// This file holds the app and the settings it is given; modules/ holds what it uses.

@description('The environment; part of every resource name and of the Durable task hub name.')
@allowed(['test', 'prod'])
param environmentName string

@description('Region of every resource. Flex Consumption is offered in some regions only: az functionapp list-flexconsumption-locations.')
param location string = resourceGroup().location

@description('Client (application) id of the Entra ID app registration that defines the app roles Dcc, Secas, OpsgMember, Tag and Panel.')
@minLength(36)
@maxLength(36)
param authClientId string

@description('Entra ID tenant that signs the callers\' tokens.')
param authTenantId string = tenant().tenantId

@description('Audience of the callers\' access tokens: the app registration\'s Application ID URI.')
param authAudience string = 'api://${authClientId}'

@description('Memory of each instance in MB. 2048 is the plan\'s default; rendering a report needs far less.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to: a ceiling on cost and on load against storage, not a reservation.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('HTTP instances kept warm and billed while idle. 0 lets the app scale to zero, at the price of a cold start on the first call after a quiet spell.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Storage redundancy.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GZRS'])
param storageSku string = 'Standard_ZRS'

@description('Days an overwritten or deleted report, evidence file or other blob stays recoverable.')
@minValue(1)
@maxValue(365)
param blobRetentionDays int = 30

@description('Microsoft Defender for Storage with malware scanning on upload on the storage account (billed per GB scanned, plus the plan per account). Off: nothing is scanned unless the subscription\'s own Defender plan does it.')
param malwareScanningOnUpload bool = false

@description('Most GB malware scanning reads per month: a ceiling on its cost. Uploads past it go unscanned until the month ends.')
@minValue(1)
param malwareScanningCapGbPerMonth int = 10

@description('Days the Log Analytics workspace keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Most GB of logs and telemetry ingested per day; -1 for no cap.')
param logDailyCapGb int = 1

@description('Forbid purging the Key Vault or its secrets before soft delete ends. Cannot be undone once on.')
param keyVaultPurgeProtection bool = false

@description('Name of the Key Vault secret that holds the SMTP password. Set its value by hand; the app reads it through a Key Vault reference.')
param smtpPasswordSecretName string = 'smtp-password'

@description('SMTP server for the Panel\'s link emails, e.g. smtp.azurecomm.net for Azure Communication Services.')
param smtpHost string = 'smtp.azurecomm.net'

@description('SMTP port: 587 with STARTTLS, 465 with TLS on connect.')
param smtpPort int = 587

@description('How the SMTP connection is secured: StartTls or SslOnConnect (None only for a local test server).')
@allowed(['StartTls', 'SslOnConnect'])
param smtpTlsMode string = 'StartTls'

@description('SMTP user name (for Azure Communication Services, the SMTP username of its Entra application).')
param smtpUser string = ''

@description('The sender of the emails, "Name <address>", from a domain the mail service may send for.')
param mailFrom string = 'OPSG Secretariat <donotreply@example.org>'

@description('The app\'s public address: the Panel\'s links in emails are this plus /api/links/{token}. Empty: https://{app name}.azurewebsites.net; set it for a custom domain or a unique default hostname.')
param mailLinkBaseUrl string = ''

@description('The Panel distribution list: "Name <address>" entries separated by semicolons.')
param mailPanelRecipients string = ''

@description('SECAS\'s secretariat, who get every reminder (meeting, report due to the Panel, action due): "Name <address>" entries separated by semicolons.')
param mailSecasRecipients string = ''

@description('The DCC\'s contact, who also gets the reminder of an action the DCC owns or shares: "Name <address>" entries separated by semicolons.')
param mailDccRecipients string = ''

@description('Who is emailed when an alert fires (5xx rate, failed orchestrations, failed steps and mail steps, Key Vault reference failures). Empty: the alerts fire in the portal only.')
param alertEmail string = ''

@description('Percentage of 5xx answers over 15 minutes (at least 10 requests) above which the HTTP error rate alert fires.')
@minValue(1)
@maxValue(100)
param http5xxAlertPercent int = 5

@description('Put a CanNotDelete lock on the storage account, the Key Vault and the Log Analytics workspace. On in prod; off in test, which is torn down.')
param deleteLock bool = false

@description('Reach storage (blob, table, queue) and the Key Vault only through private endpoints, from a virtual network the app is integrated into; both then refuse public calls.')
param privateNetworking bool = false

@description('Address space of that virtual network (used only with privateNetworking): a /16 to /23 that does not overlap a network it will be peered with.')
param privateNetworkAddressPrefix string = '10.60.0.0/16'

var baseName = 'opsg-${environmentName}'
var appName = 'func-${baseName}-${take(uniqueString(resourceGroup().id), 6)}'
var tags = { application: 'opsg-governance', environment: environmentName }

// The containers the app writes (functions/Storage/StorageOptions.cs) and the one Flex deploys to.
var appContainers = ['reports', 'evidence', 'payloads']
var deploymentContainer = 'app-package'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${baseName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    baseName: baseName
    location: location
    tags: tags
    retentionDays: logRetentionDays
    dailyCapGb: logDailyCapGb
    publisherPrincipalId: identity.properties.principalId
    publisherIdentityId: identity.id
    deleteLock: deleteLock
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    baseName: baseName
    location: location
    tags: tags
    sku: storageSku
    retentionDays: blobRetentionDays
    appContainers: appContainers
    deploymentContainer: deploymentContainer
    appPrincipalId: identity.properties.principalId
    appIdentityId: identity.id
    workspaceId: monitoring.outputs.workspaceId
    privateOnly: privateNetworking
    deleteLock: deleteLock
    malwareScanningOnUpload: malwareScanningOnUpload
    malwareScanningCapGbPerMonth: malwareScanningCapGbPerMonth
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    baseName: baseName
    location: location
    tags: tags
    purgeProtection: keyVaultPurgeProtection
    readerPrincipalId: identity.properties.principalId
    readerIdentityId: identity.id
    workspaceId: monitoring.outputs.workspaceId
    privateOnly: privateNetworking
    deleteLock: deleteLock
  }
}

module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  params: {
    baseName: baseName
    location: location
    tags: tags
    addressPrefix: privateNetworkAddressPrefix
    storageAccountId: storage.outputs.id
    keyVaultId: keyVault.outputs.id
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    baseName: baseName
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    alertEmail: alertEmail
    http5xxPercent: http5xxAlertPercent
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: 'plan-${baseName}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    // With private networking the app's outbound calls (storage, Key Vault) leave through the integrated subnet. Flex
    // Consumption routes all outbound traffic through it (there is no vnetRouteAllEnabled to set); the platform's
    // resolution of the Key Vault reference goes through it too, which the first private deployment must confirm
    // (the Key Vault reference alert fires if it does not).
    virtualNetworkSubnetId: privateNetworking ? network!.outputs.appSubnetId : null
    functionAppConfig: {
      // The Bicep types take any string here; the values a region offers are listed by
      // az functionapp list-flexconsumption-runtimes --location <region> --runtime dotnet-isolated.
      runtime: { name: 'dotnet-isolated', version: '10.0' }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyHttpInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttpInstances }] : []
      }
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.outputs.blobEndpoint}${deploymentContainer}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // What the app and the Functions host read (functions/Hosting/AppSettings.cs). Flex takes the
      // runtime from functionAppConfig, so FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION
      // are not set. tests/Opsg.Functions.Tests/Infra/AppSettingsTests.cs holds this list to the app's.
      appSettings: [
        // Host storage, Durable Functions' task hub and the app's own tables, queues and blobs, all
        // through the user-assigned identity.
        { name: 'AzureWebJobsStorage__accountName', value: storage.outputs.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        // host.json names the task hub %OpsgTaskHub%; one per environment if they ever share an account.
        { name: 'OpsgTaskHub', value: 'opsg${environmentName}' }
        // The repair timer: every 5 minutes is soon enough to heal a crash between recording and telling, and
        // cheap (it reads the case summaries and asks Durable about the ones that changed).
        { name: 'OpsgRepairSchedule', value: '0 */5 * * * *' }
        // App Service authentication (below) strips any X-MS-CLIENT-PRINCIPAL a caller sends; the app honours this
        // only while the platform says authentication runs (WEBSITE_AUTH_ENABLED). API keys are refused in Azure.
        { name: 'Auth__TrustAppServicePrincipal', value: 'true' }
        // Email over SMTP (functions/Mail); the password only as a Key Vault reference, read with the identity.
        { name: 'Mail__Host', value: smtpHost }
        { name: 'Mail__Port', value: string(smtpPort) }
        { name: 'Mail__TlsMode', value: smtpTlsMode }
        { name: 'Mail__User', value: smtpUser }
        { name: 'Mail__Password', value: '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName=${smtpPasswordSecretName})' }
        { name: 'Mail__From', value: mailFrom }
        { name: 'Mail__LinkBaseUrl', value: empty(mailLinkBaseUrl) ? 'https://${appName}.azurewebsites.net' : mailLinkBaseUrl }
        { name: 'Mail__PanelRecipients', value: mailPanelRecipients }
        { name: 'Mail__SecretariatRecipients', value: mailSecasRecipients }
        { name: 'Mail__DccRecipients', value: mailDccRecipients }
        // Where Defender for Storage scans uploads, evidence is served only once its verdict is "No threats found";
        // without it, only a file it found malicious is refused (functions/Submissions/MalwareScan.cs).
        { name: 'Evidence__MalwareScanRequired', value: string(malwareScanningOnUpload) }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.insightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
      ]
    }
  }
}

// App Service authentication validates Entra ID tokens and hands the app the caller, with the app
// roles assigned to them, in X-MS-CLIENT-PRINCIPAL (stripping any such header a client sends). It refuses
// every request without a valid token with 401 before the app sees it, except on the routes that are
// anonymous by design (excludedPaths): the Panel's link, whose token is the credential, the health check and
// the OpenAPI document. The app still decides roles route by route, and trusts the principal header only
// because the platform says this runs (WEBSITE_AUTH_ENABLED). tests/Opsg.Functions.Tests/Infra/AuthenticationSettingsTests.cs
// holds excludedPaths to the app's anonymous routes.
resource auth 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: ['/api/links/*', '/api/health', '/api/openapi/v1.json']
    }
    httpSettings: { requireHttps: true }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: { allowedAudiences: [authAudience] }
      }
    }
    login: { tokenStore: { enabled: false } }
  }
}

// The Functions host's and the platform's own log (FunctionAppLogs): host start-up, Key Vault reference and
// binding errors, and every function's log lines, for the alerts in modules/alerts.bicep and for whoever investigates.
resource appLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'function-app-logs'
  scope: app
  properties: {
    workspaceId: monitoring.outputs.workspaceId
    logs: [{ category: 'FunctionAppLogs', enabled: true }]
  }
}

// Deployments authenticate with Entra ID (az login), never with a publishing user name and password.
resource noFtpPassword 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource noScmPassword 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

output functionAppName string = app.name
output functionAppUrl string = 'https://${app.properties.defaultHostName}'
output storageAccountName string = storage.outputs.name
output keyVaultName string = keyVault.outputs.name

@description('The app setting value that will read the SMTP password through the app\'s identity (issue 14 adds the setting).')
output smtpKeyVaultReference string = '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName=${smtpPasswordSecretName})'
