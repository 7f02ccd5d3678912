// Where the app's logs, traces and failures go: one Log Analytics workspace and a workspace-based
// Application Insights component that accepts telemetry only from an Entra identity (no
// instrumentation key on its own is enough to write to it).

@description('Name stem, such as opsg-prod.')
param baseName string

param location string

param tags { *: string }

@description('Days the workspace keeps logs and telemetry. 30 are included in the ingestion price.')
@minValue(30)
@maxValue(730)
param retentionDays int

@description('Most GB the workspace ingests per day; past it ingestion stops until the next day. The monthly bill scales with ingestion, so this is the cost ceiling. -1 means no cap.')
param dailyCapGb int

@description('Principal id of the app\'s managed identity, which publishes the telemetry.')
param publisherPrincipalId string

@description('Resource id of that identity; keeps the role assignment\'s name stable across deployments.')
param publisherIdentityId string

// Built-in role: Monitoring Metrics Publisher.
var metricsPublisherRole = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: 'log-${baseName}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionDays
    workspaceCapping: { dailyQuotaGb: dailyCapGb }
    features: { disableLocalAuth: true }
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${baseName}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

resource publishesTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, publisherIdentityId, metricsPublisherRole)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', metricsPublisherRole)
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output workspaceId string = workspace.id

@description('Says where to send telemetry; it grants nothing, since the component refuses unauthenticated ingestion.')
output insightsConnectionString string = insights.properties.ConnectionString
