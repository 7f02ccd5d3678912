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
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
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

output name string = vault.name
