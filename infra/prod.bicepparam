// Production: zone-redundant storage, three months to recover an overwritten or deleted paper, logs
// kept for a quarter, and a Key Vault that cannot be purged early. Deploy with infra/README.md.
using 'main.bicep'

param environmentName = 'prod'

// Not a secret, but per environment: the client id of the production app registration (infra/README.md, step 1).
param authClientId = readEnvironmentVariable('OPSG_AUTH_CLIENT_ID')

param storageSku = 'Standard_ZRS'
param blobRetentionDays = 90
param logRetentionDays = 90
param logDailyCapGb = 5
param keyVaultPurgeProtection = true

// Who is emailed when an alert fires; from the environment, like the client id (infra/README.md).
param alertEmail = readEnvironmentVariable('OPSG_ALERT_EMAIL', '')
param deleteLock = true
param privateNetworking = false
// Evidence comes from outside the team: every upload is scanned for malware (Defender for Storage).
param malwareScanningOnUpload = true
