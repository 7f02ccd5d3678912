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

@description('Log Analytics workspace that receives the blob, table and queue access logs.')
param workspaceId string

@description('Refuse every call that does not come through a private endpoint (network.bicep adds them).')
param privateOnly bool

@description('Put a CanNotDelete lock on the account.')
param deleteLock bool

@description('Turn on Microsoft Defender for Storage for this account with malware scanning on upload. Off: this template leaves Defender to the subscription\'s plan.')
param malwareScanningOnUpload bool

@description('Most GB malware scanning reads per month; uploads past it go unscanned until the month ends.')
@minValue(1)
param malwareScanningCapGbPerMonth int

// Built-in roles. Each assignment below says why it exists.
var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

// Every container this template creates: the app's own and the deployment package's.
var ownContainers = concat(appContainers, [deploymentContainer])

// The blob data actions that the Owner assignment's condition keeps out of ownContainers. Any other data action
// (reading index tags, ACLs of a hierarchical namespace, which this account has not) is not limited by container.
// Writing index tags is kept out because Defender for Storage writes its malware verdict on each blob as a tag and
// the app serves evidence by that verdict: the app's identity must not be able to clear a Malicious one. Defender
// writes with its own identity; the app writes no tags (Contributor, below, grants no tag action at all).
var blobDataActions = [
  'read'
  'write'
  'add/action'
  'delete'
  'move/action'
  'deleteBlobVersion/action'
  'permanentDelete/action'
  'tags/write'
]

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
    // Without private networking: reachable from the internet, as the Flex app without a virtual network
    // needs; every data-plane call still needs an Entra token whose identity holds a data role. With it:
    // reachable only through the private endpoints of network.bicep, from the app's virtual network.
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAcls: { defaultAction: privateOnly ? 'Deny' : 'Allow', bypass: 'AzureServices' }
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
  for container in ownContainers: {
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

// The table and queue services exist with every account; they are declared here only to carry their access logs.
resource tables 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' existing = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' existing = {
  parent: account
  name: 'default'
}

// Who read, wrote or deleted which entity or message: the governance record's event rows and the Durable task hub's
// tables and queues, edited by anyone holding a data role directly as well as by the app.
resource tableAccessLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'table-access'
  scope: tables
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageRead', enabled: true }
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
  }
}

resource queueAccessLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'queue-access'
  scope: queues
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageRead', enabled: true }
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
  }
}

// The app's identity and the data it may touch. tests/Opsg.Functions.Tests/Infra/StorageRolesTests.cs holds these.
//
// Blob Data Owner, on the account but not on ownContainers (a role assignment condition): the Functions host's own
// containers (azure-webjobs-hosts, azure-webjobs-secrets) and Durable Functions' task hub containers (leases, large
// messages), which the host creates and names itself at run time. The Functions documentation asks Owner for
// identity-based host storage. The condition keeps it off the deployment package (so no Owner can rewrite the code
// the app runs) and off the app's documents, which need no more than Contributor.
resource hostBlobAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  // The name the unconditioned account-wide assignment had, so a redeployment narrows it in place.
  name: guid(account.id, appIdentityId, roles.blobDataOwner)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Functions host and Durable Functions task hub blobs; not the app\'s containers nor the deployment package.'
    conditionVersion: '2.0'
    condition: '((${join(map(blobDataActions, action => '!(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/${action}\'})'), ' AND ')}) OR (${join(map(ownContainers, container => '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringNotEquals \'${container}\''), ' AND ')}))'
  }
}

// Blob Data Contributor on each container this template creates, and there only:
// - reports, evidence, payloads: the app reads, writes and deletes its documents (functions/Storage/StorageOptions.cs),
//   and reads Defender for Storage's malware verdict on each evidence file, a blob index tag (functions/Submissions/
//   MalwareScan.cs). Contributor grants no tag action: that read comes from the Owner assignment above, whose
//   condition leaves tag reads on every container and keeps tag writes off these;
// - the deployment package: Flex Consumption reads the package with the app's identity when an instance starts, and a
//   deployment (az functionapp deployment source config-zip) writes it through the same identity, which is why this is
//   Contributor rather than Reader.
resource containerAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (container, i) in ownContainers: {
    name: guid(containers[i].id, appIdentityId, roles.blobDataContributor)
    scope: containers[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      description: container == deploymentContainer ? 'Flex Consumption deployment package: written by a deployment, read at start.' : 'The app\'s ${container}.'
    }
  }
]

// Queue and Table Data Contributor on the account: the Durable task hub's control and work-item queues, its history,
// instance and partition tables, the app's render queue and its governance record tables. Neither service has an
// Owner role that adds anything the app needs.
resource queueAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentityId, roles.queueDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Durable Functions task hub queues and the app\'s queues.'
  }
}

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentityId, roles.tableDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.tableDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Durable Functions task hub tables and the governance record.'
  }
}

// Production's record cannot be deleted by a slip in the portal or a teardown script: the lock must be removed first,
// which takes Owner or User Access Administrator. It does not stop the app deleting blobs, entities or messages.
resource noDelete 'Microsoft.Authorization/locks@2020-05-01' = if (deleteLock) {
  name: 'no-delete'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'The OPSG governance record. Remove this lock (deleteLock = false) before deleting the account on purpose.'
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
