// The Log Analytics workspace again, with the same properties as monitoring.bicep gives it plus its workspace
// transformation rule (defaultDataCollectionRuleResourceId): the rule names the workspace as its destination, so it
// can only be created once the workspace exists, and the workspace is linked to it after.

@description('The workspace monitoring.bicep creates.')
param workspaceName string

param location string

param tags { *: string }

@description('The workspace\'s properties as monitoring.bicep sets them.')
param properties resourceInput<'Microsoft.OperationalInsights/workspaces@2025-02-01'>.properties

@description('The data collection rule of kind WorkspaceTransforms that transforms what the workspace ingests.')
param transformationRuleId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: union(properties, { defaultDataCollectionRuleResourceId: transformationRuleId })
}
