// The test environment: cheapest settings that still behave like production (same instance size,
// identity-only storage, authentication on). Deploy with infra/README.md.
using 'main.bicep'

param environmentName = 'test'

// Not a secret, but per environment: the client id of the test app registration (infra/README.md, step 1).
param authClientId = readEnvironmentVariable('OPSG_AUTH_CLIENT_ID')

param storageSku = 'Standard_LRS'
param blobRetentionDays = 7
param logRetentionDays = 30
param logDailyCapGb = 1
param keyVaultPurgeProtection = false

// Who is emailed when an alert fires; from the environment, like the client id (infra/README.md).
param alertEmail = readEnvironmentVariable('OPSG_ALERT_EMAIL', '')
param deleteLock = false
param privateNetworking = false
// Off in test: the scan is billed per GB and test uploads are our own.
param malwareScanningOnUpload = false
