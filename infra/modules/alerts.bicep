// What tells a person the app is in trouble: one action group (email) and log search alerts over the workspace that
// holds the app's telemetry (AppRequests, AppTraces: workspace-based Application Insights) and its platform logs
// (FunctionAppLogs, main.bicep's diagnostic setting). Each query says in its description what it matches.

@description('Name stem, such as opsg-prod.')
param baseName string

param location string

param tags { *: string }

@description('Log Analytics workspace the rules query.')
param workspaceId string

@description('Who is emailed when an alert fires; empty: the alerts still fire and show in the portal, nobody is emailed.')
param alertEmail string

@description('Percentage of HTTP answers that are 5xx, over 15 minutes with at least 10 requests, above which the rate alert fires.')
@minValue(1)
@maxValue(100)
param http5xxPercent int

resource operators 'Microsoft.Insights/actionGroups@2024-10-01-preview' = {
  name: 'ag-${baseName}'
  location: 'global'
  tags: tags
  properties: {
    enabled: true
    groupShortName: take(baseName, 12)
    emailReceivers: empty(alertEmail) ? [] : [{ name: 'operators', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

// What a step that spent its retries logs (functions/Steps/StepRunner.cs, RecordFailureAsync), once per failed run:
// "Step {Sequence} (run {Run}) of {RecordId} failed after {Attempts} attempts, ref {Reference}: {ErrorType}: {Error}".
// ErrorType is the exception's type; the mail ones are those functions/Steps/StepErrors.cs files under "mail".
// tests/Opsg.Functions.Tests/Infra/AlertTests.cs holds these expressions to that message.
var failedStep = 'AppTraces | where SeverityLevel >= 3 and Message matches regex @"^Step \\d+ \\(run \\d+\\) of .+ failed after \\d+ attempts, ref [0-9a-f]+: " | extend ErrorType = extract(@", ref [0-9a-f]+: ([^:]*):", 1, Message)'

var rules = [
  {
    name: 'http-5xx-rate'
    severity: 2
    description: 'More than ${http5xxPercent}% of the app\'s HTTP answers in 15 minutes were 5xx (AppRequests, at least 10 requests).'
    query: 'AppRequests | summarize Total = count(), Failed = countif(toint(ResultCode) >= 500) | where Total >= 10 | extend FailedPercent = 100.0 * Failed / Total'
    measure: 'FailedPercent'
    threshold: http5xxPercent
  }
  {
    name: 'failed-orchestrations'
    severity: 1
    description: 'A case or meeting orchestration ended Failed: the Durable Functions extension\'s tracking trace (category Host.Triggers.DurableTask, state Failed). The orchestrators record a step\'s failure and carry on, so this is an unhandled fault.'
    query: 'AppTraces | where tostring(Properties.Category) == "Host.Triggers.DurableTask" and tostring(Properties.prop__state) == "Failed"'
    measure: ''
    threshold: 0
  }
  {
    name: 'failed-steps'
    severity: 2
    description: 'A step of a case or meeting failed after its retries (StepRunner\'s "Step … failed after … attempts, ref …" error) and waits for SECAS to retry it.'
    query: failedStep
    measure: ''
    threshold: 0
  }
  {
    name: 'failed-mail-steps'
    severity: 1
    description: 'A mail step (Panel links, reminders) failed after its retries with a mail error (SMTP, MailKit, socket, authentication): the Panel or SECAS was not told.'
    query: '${failedStep} | where ErrorType matches regex "Smtp|MailKit|Socket|Authentication"'
    measure: ''
    threshold: 0
  }
  {
    name: 'key-vault-reference-failures'
    severity: 1
    description: 'An app setting\'s Key Vault reference (Mail__Password) did not resolve: App Service then hands the app the literal "@Microsoft.KeyVault(…)" text, and the platform and host log it in FunctionAppLogs with "Key Vault reference" (or the reference itself) in the message or exception.'
    query: 'FunctionAppLogs | where Message has "Key Vault reference" or Message has "KeyVaultReference" or Message has "@Microsoft.KeyVault(" or ExceptionMessage has "Key Vault reference" or ExceptionMessage has "@Microsoft.KeyVault("'
    measure: ''
    threshold: 0
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: 'alert-${baseName}-${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: 'OPSG ${baseName}: ${rule.name}'
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [workspaceId]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: empty(rule.measure) ? 'Count' : 'Maximum'
            metricMeasureColumn: empty(rule.measure) ? null : rule.measure
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      autoMitigate: true
      actions: { actionGroups: [operators.id] }
    }
  }
]
