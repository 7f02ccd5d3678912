// Azure resources for the OPSG reporting backend: a Linux Function App running the custom handler,
// its storage account (history, timers, links, activity queue, private report containers) and
// App Service authentication so X-MS-CLIENT-PRINCIPAL carries the caller's role.
@description('Short name used to derive resource names.')
param name string = 'opsg'

param location string = resourceGroup().location

@description('Entra ID app registration (client) id used by App Service authentication.')
param authClientId string

@description('Entra ID tenant id.')
param tenantId string = subscription().tenantId

var storageName = toLower('${name}${uniqueString(resourceGroup().id)}')

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: take(storageName, 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: '${name}-plan'
  location: location
  sku: { name: 'Y1', tier: 'Dynamic' }
  kind: 'functionapp'
  properties: { reserved: true }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web' }
}

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource app 'Microsoft.Web/sites@2023-01-01' = {
  name: '${name}-functions'
  location: location
  kind: 'functionapp,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      // The custom handler is published self-contained, so no language stack is needed on the image.
      linuxFxVersion: ''
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        { name: 'AzureWebJobsStorage', value: storageConnection }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // App Service authentication strips client-sent X-MS-CLIENT-PRINCIPAL headers, so it can be trusted here.
        { name: 'Auth__TrustAppServicePrincipal', value: 'true' }
      ]
    }
  }
}

resource auth 'Microsoft.Web/sites/config@2023-01-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    globalValidation: {
      requireAuthentication: false // /api/health and /api/links/{token} are anonymous; the app enforces roles.
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
        }
      }
    }
  }
}

output functionAppName string = app.name
output storageAccountName string = storage.name
