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

@description('Put a CanNotDelete lock on the workspace, which keeps the audit and access logs.')
param deleteLock bool

// Built-in role: Monitoring Metrics Publisher.
var metricsPublisherRole = '3913510d-42f4-4e42-8a64-420c390055eb'

var workspaceProperties = {
  sku: { name: 'PerGB2018' }
  retentionInDays: retentionDays
  workspaceCapping: { dailyQuotaGb: dailyCapGb }
  features: { disableLocalAuth: true }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: 'log-${baseName}'
  location: location
  tags: tags
  properties: workspaceProperties
}

// A Panel link's token is its only credential, and it sits in the link's path (/api/links/{token}). The app logs
// route templates, never paths, but telemetry the Functions host and the platform write records URLs: the request's,
// the host's call to the worker, any message that quotes one. Every row of those tables has the token cut out as it is
// ingested, before anything is stored: "/api/links/{token}" stands in its place, whatever case the path was sent in.
// Transformations allow no replace function, hence indexof, substring and extract.
func withoutLinkToken(text string) string =>
  'iif(indexof(tolower(${text}), "/api/links/") < 0, ${text}, strcat(substring(${text}, 0, indexof(tolower(${text}), "/api/links/")), "/api/links/{token}", extract(@"(?is)/api/links/[^/?#\\s""\']*(.*)$", 1, ${text})))'

func redactingText(column string) string => '${column} = ${withoutLinkToken(column)}'

func redactingDynamic(column string) string => '${column} = parse_json(${withoutLinkToken('tostring(${column})')})'

// Per Application Insights table: its text columns that can hold a URL or a message, and its dynamic ones (custom
// dimensions, exception details), which are redacted as JSON text and parsed back.
var linkTokenColumns = {
  AppRequests: { text: ['Url', 'Name'], dynamic: ['Properties'] }
  AppDependencies: { text: ['Name', 'Data', 'Target'], dynamic: ['Properties'] }
  AppTraces: { text: ['Message'], dynamic: ['Properties'] }
  AppExceptions: { text: ['OuterMessage', 'InnermostMessage'], dynamic: ['Properties', 'Details'] }
}

resource linkTokenRedaction 'Microsoft.Insights/dataCollectionRules@2023-03-11' = {
  name: 'dcr-${baseName}-workspace'
  location: location
  tags: tags
  kind: 'WorkspaceTransforms'
  properties: {
    description: 'Cuts Panel link tokens (/api/links/{token}) out of Application Insights telemetry as it is ingested.'
    destinations: { logAnalytics: [{ name: 'workspace', workspaceResourceId: workspace.id }] }
    dataFlows: [
      for table in items(linkTokenColumns): {
        streams: ['Microsoft-Table-${table.key}']
        destinations: ['workspace']
        transformKql: 'source | extend ${join(concat(map(table.value.text, column => redactingText(column)), map(table.value.dynamic, column => redactingDynamic(column))), ', ')}'
      }
    ]
  }
}

// The rule needs the workspace first, so the workspace names its transformation rule in a second PUT, with the same
// properties plus the link.
module workspaceTransforms 'workspace-transforms.bicep' = {
  name: 'workspaceTransforms'
  params: {
    workspaceName: workspace.name
    location: location
    tags: tags
    properties: workspaceProperties
    transformationRuleId: linkTokenRedaction.id
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

resource noDelete 'Microsoft.Authorization/locks@2020-05-01' = if (deleteLock) {
  name: 'no-delete'
  scope: workspace
  properties: {
    level: 'CanNotDelete'
    notes: 'Keeps the OPSG app\'s logs and the storage and Key Vault audit logs. Remove this lock (deleteLock = false) before deleting it on purpose.'
  }
}

output workspaceId string = workspace.id

@description('Says where to send telemetry; it grants nothing, since the component refuses unauthenticated ingestion.')
output insightsConnectionString string = insights.properties.ConnectionString
