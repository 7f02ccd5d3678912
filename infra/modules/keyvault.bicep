// Secrets the app will need and cannot get from an identity, such as the SMTP password of the mail
// relay. Access is Azure RBAC, not vault access policies; the app's identity may read secrets and
// nothing else. Secret values are set by a person (see infra/README.md), never by this template.

@description('Name stem, such as opsg-prod.')
param baseName string

param location string

param tags { *: string }

@description('Forbid purging a deleted vault or secret before its 90 days of soft delete end. Once on it cannot be turned off, so test leaves it off to allow a clean teardown.')
param purgeProtection bool

@description('Principal id of the app\'s managed identity.')
param readerPrincipalId string

@description('Resource id of that identity; keeps the role assignment\'s name stable across deployments.')
param readerIdentityId string

@description('Log Analytics workspace that receives the vault\'s audit events.')
param workspaceId string

@description('Refuse every call that does not come through a private endpoint (network.bicep adds it).')
param privateOnly bool

@description('Put a CanNotDelete lock on the vault.')
param deleteLock bool

// Built-in role: Key Vault Secrets User.
var secretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: take('kv-${baseName}-${uniqueString(resourceGroup().id)}', 24)
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The service accepts true or nothing: purge protection can be switched on, never off.
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAcls: { defaultAction: privateOnly ? 'Deny' : 'Allow', bypass: 'AzureServices' }
  }
}

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerIdentityId, secretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRole)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Every read of a secret and every change to the vault or its access, by whoever: AuditEvent.
resource auditLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [{ category: 'AuditEvent', enabled: true }]
  }
}

resource noDelete 'Microsoft.Authorization/locks@2020-05-01' = if (deleteLock) {
  name: 'no-delete'
  scope: vault
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the SMTP password the OPSG app reads. Remove this lock (deleteLock = false) before deleting the vault on purpose.'
  }
}

output name string = vault.name
output id string = vault.id
