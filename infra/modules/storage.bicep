// The one storage account: the Functions host and Durable Functions (task hub queues, tables and
// lease blobs), the app's governance record and its report, evidence and payload
// containers, and the Flex Consumption deployment package. Reached only with Entra identities:
// shared keys are refused, so no connection string can exist.

@description('Name stem, such as opsg-prod.')
param baseName string

param location string

param tags { *: string }

@description('Redundancy. ZRS survives the loss of a zone; LRS is cheaper and enough for test.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GZRS'])
param sku string

@description('Days a deleted or overwritten blob stays recoverable (soft delete, previous versions).')
@minValue(1)
@maxValue(365)
param retentionDays int

@description('Containers the app reads and writes.')
param appContainers string[]

@description('Container the Flex Consumption plan deploys the app package to.')
param deploymentContainer string

@description('Principal id of the app\'s managed identity.')
param appPrincipalId string

@description('Resource id of that identity; keeps the role assignments\' names stable across deployments.')
param appIdentityId string

@description('Log Analytics workspace that receives the blob access log.')
param workspaceId string

@description('Turn on Microsoft Defender for Storage for this account with malware scanning on upload. Off: this template leaves Defender to the subscription\'s plan.')
param malwareScanningOnUpload bool

@description('Most GB malware scanning reads per month; uploads past it go unscanned until the month ends.')
@minValue(1)
param malwareScanningCapGbPerMonth int

// Built-in roles, as Durable Functions and the Functions host need them for identity-based storage:
// the host's own blobs want Owner rather than Contributor.
var dataRoles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: take('st${replace(baseName, '-', '')}${uniqueString(resourceGroup().id)}', 24)
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: sku }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Reachable from the internet, as the Flex app without a virtual network needs; every data-plane
    // call still needs an Entra token whose identity holds a data role.
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

// Versioning and soft delete are settings of the blob service, so they cover every container; the
// lifecycle rule below keeps that from growing without end.
resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: retentionDays }
    containerDeleteRetentionPolicy: { enabled: true, days: retentionDays }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for container in concat(appContainers, [deploymentContainer]): {
    parent: blobs
    name: container
    properties: { publicAccess: 'None' }
  }
]

// A report overwritten or an evidence file purged stays as a previous version for the retention
// period, then goes: a purge of a case is final after that, and lease and package blobs that the
// host rewrites do not pile up.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-previous-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'] }
            actions: { version: { delete: { daysAfterCreationGreaterThan: retentionDays } } }
          }
        }
      ]
    }
  }
  dependsOn: [blobs]
}

// Who read, wrote or deleted which blob, including people who hold a data role directly: the app's
// own access log only sees what goes through the app.
resource blobAccessLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'blob-access'
  scope: blobs
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageRead', enabled: true }
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
  }
}

// Defender for Storage scans every blob as it is written (evidence above all: the app refuses active content it can
// see, not malware packed where it cannot) and records the verdict on the blob as an index tag; findings go to
// Defender for Cloud's alerts. Only this account is switched, overriding the subscription's plan: with the
// parameter off nothing is deployed here, so a subscription-wide plan a security team runs stays as it is.
resource defender 'Microsoft.Security/defenderForStorageSettings@2025-06-01' = if (malwareScanningOnUpload) {
  name: 'current'
  scope: account
  properties: {
    isEnabled: true
    overrideSubscriptionLevelSettings: true
    malwareScanning: {
      onUpload: { isEnabled: true, capGBPerMonth: malwareScanningCapGbPerMonth }
      blobScanResultsOptions: 'BlobIndexTags'
    }
    sensitiveDataDiscovery: { isEnabled: false }
  }
}

resource appDataAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(dataRoles): {
    name: guid(account.id, appIdentityId, role.value)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
